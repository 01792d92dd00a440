import { TrackingError } from './errors';

/**
 * MLflow's rules for what a run may hold, checked when a value is logged so that nothing is
 * stored that `mlflow ui` later refuses: its file store re-validates every key while reading a
 * run, so one bad key would break the whole experiment there. From mlflow/utils/validation.py.
 */
export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 8000;
const MAX_EXPERIMENT_NAME_LENGTH = 500;

/** Disks refuse longer file names (NAME_MAX); MLflow writes each part of a key as one. */
const MAX_PART_BYTES = 255;
const utf8Length = (s: string) => new TextEncoder().encode(s).byteLength;

/** The longest start of `part` that fits in a file name. */
export function clipPart(part: string): string {
  if (utf8Length(part) <= MAX_PART_BYTES) return part;
  let out = '';
  for (const ch of part) {
    if (utf8Length(out + ch) > MAX_PART_BYTES) break;
    out += ch;
  }
  return out;
}

export type KeyKind = 'param' | 'metric' | 'tag';

/**
 * MLflow's `^[/\w.\- ]*$`, with Python's Unicode `\w` (letters and digits of any script, `_`).
 * MLflow 2.x also accepts ":" except on Windows; the Labbook keeps the portable rule so an export
 * opens on every system and in older MLflow versions.
 */
const KEY_CHARACTERS = /^[/\p{L}\p{N}_.\- ]*$/u;
const CHARACTERS_RULE =
  'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).';
const PATH_RULE =
  'Names are stored as files, so they may not be empty, start or end with "/", hold "//", or have "." or ".." as a part.';

/** MLflow's path_not_unique: a key must be its own normalised path. */
function pathProblem(key: string): boolean {
  const parts = key.split('/');
  return parts.some((p) => p === '' || p === '.' || p === '..');
}

/** A name MLflow accepts, close to `key`: what the error suggests and the export renames to. */
export function suggestKey(key: string): string {
  const parts = key
    .slice(0, 4 * MAX_KEY_LENGTH)
    .replace(/[^/\p{L}\p{N}_.\- ]/gu, '_')
    .split('/')
    .filter((p) => p !== '' && p !== '.' && p !== '..')
    .map(clipPart);
  const name = parts.join('/').slice(0, MAX_KEY_LENGTH).replace(/\/$/, '');
  return name === '' ? 'unnamed' : name;
}

/** Why MLflow refuses `key`, or undefined when it is a valid param, metric or tag key. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return `A key must be text; got ${typeof key}.`;
  if (key === '') return 'A key name must be given; it is empty.';
  if (!KEY_CHARACTERS.test(key)) return CHARACTERS_RULE;
  if (pathProblem(key)) return PATH_RULE;
  if (key.length > MAX_KEY_LENGTH)
    return `Keys are at most ${MAX_KEY_LENGTH} characters; this one has ${key.length}.`;
  if (key.split('/').some((part) => utf8Length(part) > MAX_PART_BYTES))
    return `Each part between slashes is a file name, at most ${MAX_PART_BYTES} bytes in UTF-8 (letters outside ASCII take 2 to 4).`;
  return undefined;
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);

/** Throws a `bad-name` TrackingError naming the key, the rule and a name that would do. */
export function checkKey(kind: KeyKind, key: unknown): void {
  const problem = keyProblem(key);
  if (!problem) return;
  const fix =
    typeof key === 'string' && key !== ''
      ? ` Rename ${quote(key)} to e.g. ${quote(suggestKey(key))}.`
      : '';
  throw new TrackingError(
    'bad-name',
    `Invalid ${kind} name ${typeof key === 'string' ? quote(key) : String(key)}: ${problem}${fix} Nothing was logged.`,
  );
}

/** Param values and tag values (and run names, which MLflow stores as a tag) have a length cap. */
export function checkValueLength(kind: 'param' | 'tag' | 'run name', key: string, value: string) {
  const limit = kind === 'param' ? MAX_PARAM_VALUE_LENGTH : MAX_TAG_VALUE_LENGTH;
  if (value.length > limit)
    throw new TrackingError(
      'too-long',
      `The ${kind === 'run name' ? 'run name' : `${kind} ${quote(key)}`} is ${value.length.toLocaleString('en')} characters; MLflow keeps at most ${limit.toLocaleString('en')}. Either shorten it or log the full text as an artifact (lab.tracking.logArtifact). Nothing was logged.`,
    );
}

/**
 * A key that is a folder of another (`a` and `a/b`) cannot be stored beside it: each key is a
 * file, so MLflow itself fails to write the second. Returns the clashing key, if any.
 */
export function folderClash(existing: Iterable<string>, key: string): string | undefined {
  for (const other of existing)
    if (other !== key && (other.startsWith(`${key}/`) || key.startsWith(`${other}/`))) return other;
  return undefined;
}

/** MLflow steps are 64-bit integers; JavaScript's exact integers are the safe ones. */
export function checkStep(key: string, step: unknown): void {
  if (typeof step === 'number' && Number.isSafeInteger(step)) return;
  throw new TrackingError(
    'bad-step',
    `Metric ${quote(key)}: the step must be a whole number (MLflow stores steps as integers); got ${String(step)}. Use the epoch or batch index, e.g. ${typeof step === 'number' && Number.isFinite(step) ? Math.round(step) : 0}. Nothing was logged.`,
  );
}

/** Artifact paths are files under the run's artifacts/ folder: relative, and inside it. */
export function checkArtifactPath(path: unknown): void {
  const bad =
    typeof path !== 'string'
      ? `must be text; got ${typeof path}`
      : path === ''
        ? 'is empty'
        : path.startsWith('/')
          ? 'is absolute; give a path relative to the run, e.g. "plots/loss.svg"'
          : path.includes('\\')
            ? 'holds a backslash; separate folders with "/"'
            : /\p{Cc}/u.test(path)
              ? 'holds a control character'
              : pathProblem(path)
                ? 'has an empty, "." or ".." part; it must stay inside the run\'s artifacts'
                : path.split('/').some((p) => utf8Length(p) > MAX_PART_BYTES)
                  ? `has a part longer than a file name may be (${MAX_PART_BYTES} bytes)`
                  : undefined;
  if (bad)
    throw new TrackingError(
      'bad-path',
      `Artifact path ${typeof path === 'string' ? quote(path) : ''} ${bad}. Nothing was logged.`,
    );
}

export function checkExperimentName(name: unknown): void {
  if (typeof name === 'string' && name.trim() !== '' && name.length <= MAX_EXPERIMENT_NAME_LENGTH)
    return;
  throw new TrackingError(
    'bad-name',
    `Invalid experiment name ${typeof name === 'string' ? quote(name) : String(name)}: it must be non-empty text of at most ${MAX_EXPERIMENT_NAME_LENGTH} characters.`,
  );
}
