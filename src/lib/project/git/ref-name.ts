import { GitError } from './errors';

/**
 * Git's rules for branch and tag names (`git check-ref-format`), each refusal worded with the
 * reason and a name that would do.
 */
export function checkRefName(name: string, what: 'branch' | 'tag'): string {
  const refuse = (why: string) =>
    new GitError(
      'bad-ref-name',
      `The ${what} name "${printable(name)}" ${why}. Use letters, digits, "-", "_", "." and "/", such as "${what === 'tag' ? 'v1.0.0' : 'feature/clean-data'}".`,
      { ref: name },
    );
  if (typeof name !== 'string' || name.length === 0) throw refuse('is empty');
  if (name.length > 200) throw refuse(`is ${name.length} characters long (the limit is 200)`);
  // eslint-disable-next-line no-control-regex -- control characters are what Git refuses
  if (/[\u0000-\u001f\u007f]/.test(name)) throw refuse('contains a control character');
  if (/\s/.test(name)) throw refuse('contains a space');
  const bad = /[~^:?*[\\]/.exec(name);
  if (bad) throw refuse(`contains "${bad[0]}", which Git reserves for naming revisions`);
  if (name.includes('..')) throw refuse('contains "..", which Git reads as a range');
  if (name.includes('@{')) throw refuse('contains "@{", which Git reads as a reflog entry');
  if (name === '@') throw refuse('is "@", which Git reads as HEAD');
  if (name.startsWith('-'))
    throw refuse('starts with "-", which a command would read as an option');
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    throw refuse('has an empty part between slashes');
  if (name.endsWith('.')) throw refuse('ends with "."');
  for (const part of name.split('/')) {
    if (part.startsWith('.')) throw refuse(`has a part starting with "." ("${part}")`);
    if (part.endsWith('.lock'))
      throw refuse(`has a part ending in ".lock" ("${part}"), which Git uses for its lock files`);
  }
  if (name === 'HEAD') throw refuse('is "HEAD", which Git reserves');
  return name;
}

// eslint-disable-next-line no-control-regex -- shown escaped, never raw
const CONTROL = /[\u0000-\u001f\u007f]/g;

function printable(name: unknown): string {
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return String(name).slice(0, 80).replace(CONTROL, hex);
}
