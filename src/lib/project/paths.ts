import { ProjectError } from './errors';

/** Longest path and segment a project accepts (well under every OS and zip tool limit). */
const MAX_PATH_LENGTH = 512;
const MAX_SEGMENT_LENGTH = 128;

// Control characters, and characters Windows, macOS or a zip tool refuses in a file name:
// an exported project must unzip anywhere.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"|?*\\]/;

/**
 * A student-typed path made canonical: `./src//features.js` → `src/features.js`. Refuses what
 * could escape the project or not survive an export: `..`, absolute paths, forbidden characters,
 * names ending in a dot or space, and (unless `allowGit`) anything inside `.git/`.
 */
export function normalizePath(input: string, options: { allowGit?: boolean } = {}): string {
  if (typeof input !== 'string') throw new ProjectError('bad-path', 'A path must be text.');
  const trimmed = input.trim();
  if (trimmed.startsWith('/'))
    throw new ProjectError(
      'bad-path',
      `"${shown(input)}" is an absolute path. Use a path inside the project, such as "src/features.js".`,
      input,
    );
  const segments = trimmed.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0)
    throw new ProjectError(
      'bad-path',
      'The path is empty. Give a file name, such as "README.md".',
      input,
    );
  for (const segment of segments) checkSegment(segment, input);
  const path = segments.join('/');
  if (path.length > MAX_PATH_LENGTH)
    throw new ProjectError(
      'bad-path',
      `The path is ${path.length} characters long; the limit is ${MAX_PATH_LENGTH}. Use shorter folder or file names.`,
      input,
    );
  if (!options.allowGit && isGitPath(path))
    throw new ProjectError(
      'reserved',
      `"${path}" is inside .git, which Git itself manages. Use the Git panel or lab.project.git instead.`,
      input,
    );
  return path;
}

function checkSegment(segment: string, input: string): void {
  if (segment === '..')
    throw new ProjectError(
      'bad-path',
      `"${shown(input)}" uses "..", which would leave the project. Use a path inside the project.`,
      input,
    );
  const bad = FORBIDDEN.exec(segment);
  if (bad)
    throw new ProjectError(
      'bad-name',
      `"${shown(segment)}" contains ${describe(bad[0])}, which a file name cannot hold on every system. Use letters, digits, "-", "_" and ".".`,
      input,
    );
  if (/[. ]$/.test(segment))
    throw new ProjectError(
      'bad-name',
      `"${shown(segment)}" ends with a dot or a space, which Windows drops when it unzips the project. Remove it.`,
      input,
    );
  if (segment.length > MAX_SEGMENT_LENGTH)
    throw new ProjectError(
      'bad-name',
      `A name in "${shown(input)}" is ${segment.length} characters long; the limit is ${MAX_SEGMENT_LENGTH}.`,
      input,
    );
}

/** A path as a message quotes it: a 10,000-character name is cut, not repeated in full. */
function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 60)}…${text.slice(-10)}` : text;
}

function describe(char: string): string {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f
    ? `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`
    : `"${char}"`;
}

export function isGitPath(path: string): boolean {
  return path === '.git' || path.startsWith('.git/');
}

/** The folder holding `path` ('' for the project root). */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `a/b/c.js` → ['a', 'a/b']: the folders that must exist for the path. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Resolves an import specifier written in `fromFile` (`./x.js`, `../lib/y.js`) to a project path. */
export function resolveRelative(fromFile: string, specifier: string): string {
  const base = parentOf(fromFile).split('/').filter(Boolean);
  for (const segment of specifier.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (base.length === 0)
        throw new ProjectError(
          'bad-path',
          `"${specifier}" in ${fromFile} points outside the project.`,
          fromFile,
        );
      base.pop();
    } else base.push(segment);
  }
  return base.join('/');
}
