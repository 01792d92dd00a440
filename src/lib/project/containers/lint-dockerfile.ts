import type { LintDiagnostic } from '../lint/types';
import { wholeFileDiagnostic } from '../lint/file-diagnostics';
import { quoted, ruleDiagnostic, visible } from './diagnostic';
import {
  DOCKER_KEYWORDS,
  parseDockerfile,
  type DockerInstruction,
  type ParsedDockerfile,
} from './dockerfile';
import { COURSE_API_PORT } from './rules';

/** Dependency manifests whose install should be its own cached layer. */
const INSTALL =
  /\b(pip3?\s+install|npm\s+(ci|install)|yarn\s+install|poetry\s+install|conda\s+(env\s+)?(install|create|update)|uv\s+(pip\s+install|sync))\b/;
/** A COPY/ADD of the whole build context: `.`, `./`, or `*`. */
const WHOLE_CONTEXT = /^\.\/?$|^\*$/;

export interface DockerfileLintOptions {
  /** The port the API is published on; the course's 8000 when there is no compose.yaml. */
  apiPort?: { port: number; from: string };
}

function sources(i: DockerInstruction): string[] {
  const plain = i.args.filter((a) => !a.startsWith('--'));
  return plain.slice(0, -1);
}

function pinnedBase(path: string, froms: DockerInstruction[], out: LintDiagnostic[]): void {
  const stages = new Set<string>();
  for (const from of froms) {
    const args = from.args.filter((a) => !a.startsWith('--'));
    const image = args[0] ?? '';
    const earlier = stages.has(image.toLowerCase());
    if (args[1]?.toUpperCase() === 'AS' && args[2]) stages.add(args[2].toLowerCase());
    // A build argument, scratch or an earlier stage is not a registry image to pin.
    if (!image || image.includes('$') || image === 'scratch' || earlier) continue;
    if (!IMAGE_REFERENCE.test(image)) {
      out.push(
        ruleDiagnostic(
          path,
          'docker/bad-image',
          from.at,
          `FROM ${quoted(image, 80)} is not an image reference: names hold only letters, digits, ".", "_", "-", "/", ":" and "@" (no spaces, no other characters). Write it as e.g. FROM python:3.11-slim.`,
        ),
      );
      continue;
    }
    if (image.includes('@sha256:')) continue;
    const tag = /:([^/:]+)$/.exec(image)?.[1];
    if (tag && tag !== 'latest') continue;
    out.push(
      ruleDiagnostic(
        path,
        'docker/pinned-base',
        from.at,
        `FROM ${image} ${tag ? 'uses the moving tag "latest"' : 'has no tag'}: the image changes under you. Pin a version: FROM ${image.replace(/:latest$/, '')}:<version> (or a @sha256 digest), as the course pins FROM python:3.11-slim.`,
      ),
    );
  }
}

function depsBeforeCode(path: string, stage: DockerInstruction[], out: LintDiagnostic[]): void {
  const copyAll = stage.find(
    (i) =>
      (i.keyword === 'COPY' || i.keyword === 'ADD') &&
      sources(i).some((s) => WHOLE_CONTEXT.test(s)),
  );
  if (!copyAll) return;
  const install = stage.find(
    (i) => i.keyword === 'RUN' && i.at.line > copyAll.at.line && INSTALL.test(i.args.join(' ')),
  );
  if (!install) return;
  out.push(
    ruleDiagnostic(
      path,
      'docker/deps-before-code',
      copyAll.at,
      `${copyAll.keyword} ${sources(copyAll).join(' ')} (line ${copyAll.at.line}) comes before the dependency install on line ${install.at.line}: every code change re-installs them. Copy the requirements file first (COPY requirements.txt .), install, then COPY . .`,
    ),
  );
}

function nonRoot(path: string, stage: DockerInstruction[], out: LintDiagnostic[]): void {
  const users = stage.filter((i) => i.keyword === 'USER');
  const last = users.at(-1);
  const name = last?.args[0]?.split(':')[0];
  if (last && name !== 'root' && name !== '0') return;
  out.push(
    ruleDiagnostic(
      path,
      'docker/non-root-user',
      (last ?? stage[0]!).at,
      last
        ? `USER ${last.args.join(' ')} runs the app as root. Switch to an unprivileged user: RUN useradd --create-home app, then USER app.`
        : 'The final stage never sets USER, so the app runs as root. Add RUN useradd --create-home app and USER app before CMD.',
    ),
  );
}

function exposePort(
  path: string,
  stage: DockerInstruction[],
  options: DockerfileLintOptions,
  out: LintDiagnostic[],
): void {
  const api = options.apiPort ?? { port: COURSE_API_PORT, from: "the course's FastAPI port" };
  const exposes = stage.filter((i) => i.keyword === 'EXPOSE');
  const ports = exposes.flatMap((i) => i.args.map((a) => Number(a.replace(/\/(tcp|udp)$/, ''))));
  if (ports.includes(api.port)) return;
  const at = (exposes[0] ?? stage[0]!).at;
  out.push(
    ruleDiagnostic(
      path,
      'docker/expose-port',
      at,
      exposes.length
        ? `EXPOSE ${exposes.flatMap((i) => i.args).join(' ')} does not include ${api.port}, the port of ${api.from}. Write EXPOSE ${api.port} (or change the port there).`
        : `No EXPOSE: say which port the app listens on, EXPOSE ${api.port} (${api.from}).`,
    ),
  );
}

function healthcheck(path: string, stage: DockerInstruction[], out: LintDiagnostic[]): void {
  const check = stage.filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
  if (check && check.args[0]?.toUpperCase() !== 'NONE') return;
  out.push(
    ruleDiagnostic(
      path,
      'docker/healthcheck',
      (check ?? stage[0]!).at,
      check
        ? 'HEALTHCHECK NONE turns the health check off. Check the API instead: HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1.'
        : 'No HEALTHCHECK: Docker cannot tell a running container from a working one. Add HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1.',
    ),
  );
}

/** Text that can never build: a heredoc without its end line, a last line continued into nothing. */
function unterminated(
  path: string,
  text: string,
  parsed: ParsedDockerfile,
  out: LintDiagnostic[],
): void {
  for (const i of parsed.instructions)
    for (const h of i.heredocs.filter((h) => !h.closed))
      out.push(
        ruleDiagnostic(
          path,
          'docker/unterminated',
          h.at,
          `The heredoc <<${visible(h.name, 40)} opened on line ${h.at.line} never ends: docker build reads the rest of the file into it. Add a line holding only ${visible(h.name, 40)} where it should end.`,
        ),
      );
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && lines[last]!.trim() === '') last--;
  const line = lines[last]?.trimEnd() ?? '';
  if (last >= 0 && !line.trimStart().startsWith('#') && line.endsWith(parsed.escape))
    out.push(
      ruleDiagnostic(
        path,
        'docker/unterminated',
        { line: last + 1, column: line.length, endLine: last + 1, endColumn: line.length + 1 },
        `Line ${last + 1} ends with "${parsed.escape}", continuing the instruction onto a line that does not exist. Remove the trailing "${parsed.escape}" or finish the instruction.`,
      ),
    );
}

/** A registry reference: lower-case name, optional registry host/port, tag or digest. */
const IMAGE_REFERENCE = /^[\w.\-/:@]+$/;

/** Lints a Dockerfile against the course's Docker practices (docs/containers.md). */
export function lintDockerfile(
  path: string,
  text: string,
  options: DockerfileLintOptions = {},
): LintDiagnostic[] {
  const parsed = parseDockerfile(text);
  const { instructions } = parsed;
  const out: LintDiagnostic[] = [];
  unterminated(path, text, parsed, out);
  for (const i of instructions)
    if (!DOCKER_KEYWORDS.has(i.keyword.toUpperCase()))
      out.push(
        ruleDiagnostic(
          path,
          'docker/unknown-instruction',
          i.at,
          `${quoted(i.keyword, 40)} is not a Dockerfile instruction. Use one of ${[...DOCKER_KEYWORDS].join(', ')} (or end the previous line with "\\" to continue it).`,
        ),
      );
  const froms = instructions.filter((i) => i.keyword === 'FROM');
  if (!froms.length) {
    out.push({
      ...wholeFileDiagnostic(
        path,
        'error',
        'No FROM: a Dockerfile starts from a base image. Add e.g. FROM python:3.11-slim as its first instruction.',
      ),
      ruleId: 'docker/no-from',
    });
    return out;
  }
  pinnedBase(path, froms, out);
  const last = froms.at(-1)!.stage;
  const final = instructions.filter((i) => i.stage === last);
  depsBeforeCode(path, final, out);
  nonRoot(path, final, out);
  exposePort(path, final, options, out);
  healthcheck(path, final, out);
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
