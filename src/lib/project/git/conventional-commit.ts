/**
 * Conventional Commits (conventionalcommits.org 1.0): `type(scope)!: subject`, a blank line, a
 * body, then footers such as `BREAKING CHANGE: …`. Parsed to give a student warnings they can
 * act on; a lesson or project may make them errors (see commit.ts).
 */
export const TYPES = [
  'feat',
  'fix',
  'docs',
  'style',
  'refactor',
  'perf',
  'test',
  'build',
  'ci',
  'chore',
  'revert',
] as const;

export interface ConventionalCommit {
  type: string;
  scope?: string;
  breaking: boolean;
  subject: string;
  body?: string;
  footers: { token: string; value: string }[];
}

export interface CommitCheck {
  parsed?: ConventionalCommit;
  /** Each names the line and the fix. Empty when the message follows the convention. */
  warnings: string[];
}

const HEADER = /^([a-zA-Z]+)(?:\(([^()\r\n]*)\))?(!)?: (.*)$/;
const FOOTER =
  /^([Bb][Rr][Ee][Aa][Kk][Ii][Nn][Gg][ -][Cc][Hh][Aa][Nn][Gg][Ee]|[A-Za-z][A-Za-z-]*)(?:: | #)(.*)$/;

export function checkConventionalCommit(message: string): CommitCheck {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const header = lines[0] ?? '';
  const match = HEADER.exec(header);
  if (!match)
    return {
      warnings: [
        `Line 1 "${header.slice(0, 60)}" is not "type(scope): subject". Start with a type such as "feat: add a drift check" or "fix(data): drop duplicate rows".`,
      ],
    };
  const [, type = '', scope, bang, subject = ''] = match;
  const warnings: string[] = [];
  if (!(TYPES as readonly string[]).includes(type))
    warnings.push(`Line 1: "${type}" is not a usual type. Use one of ${TYPES.join(', ')}.`);
  if (type !== type.toLowerCase())
    warnings.push(`Line 1: write the type in lower case ("${type.toLowerCase()}").`);
  if (scope !== undefined && scope.trim() === '')
    warnings.push(
      'Line 1: the scope "()" is empty. Name it, as in "fix(data): …", or drop the brackets.',
    );
  if (subject.trim() === '')
    warnings.push('Line 1: the subject after ": " is empty. Say what the commit does.');
  if (subject.endsWith('.')) warnings.push('Line 1: end the subject without a full stop.');
  if (header.length > 72)
    warnings.push(
      `Line 1 is ${header.length} characters; keep it under 72 and put details in the body.`,
    );
  if (lines.length > 1 && lines[1]!.trim() !== '')
    warnings.push('Line 2 must be blank: it separates the subject from the body.');
  const rest = lines.slice(2);
  // Footers are the last paragraph when its first line is `Token: value`.
  const lastBlank = rest.map((l) => l.trim()).lastIndexOf('');
  const paragraph = rest.slice(lastBlank + 1);
  const footers: { token: string; value: string }[] = [];
  if (paragraph.length && FOOTER.test(paragraph[0]!))
    for (const line of paragraph) {
      const f = FOOTER.exec(line);
      if (f) footers.push({ token: f[1]!, value: f[2]! });
      else footers[footers.length - 1]!.value += `\n${line}`;
    }
  const body = (footers.length ? rest.slice(0, lastBlank + 1) : rest).join('\n').trim();
  const breaking = bang === '!' || footers.some((f) => /^breaking[ -]change$/i.test(f.token));
  for (const f of footers)
    if (/^breaking[ -]change$/i.test(f.token) && !/^BREAKING[ -]CHANGE$/.test(f.token))
      warnings.push(`Write the footer "${f.token}" in capitals: "BREAKING CHANGE:".`);
  return {
    parsed: {
      type,
      ...(scope !== undefined ? { scope } : {}),
      breaking,
      subject,
      ...(body ? { body } : {}),
      footers,
    },
    warnings,
  };
}
