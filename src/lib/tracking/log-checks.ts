import { TrackingError } from './errors';
import { checkKey, checkValueLength, folderClash, type KeyKind } from './mlflow-names';

/** A param's value as MLflow stores it, text: strings as they are, anything else as JSON. */
export function paramText(key: string, raw: unknown): string {
  if (typeof raw === 'string') return raw;
  let text: string | undefined;
  try {
    text = JSON.stringify(raw);
  } catch {
    text = undefined; // a BigInt or an object that contains itself
  }
  if (text === undefined)
    throw new TrackingError(
      'bad-value',
      `Parameter "${key}" must be text, a number, a boolean or JSON data; got ${typeof raw === 'object' ? 'an object JSON cannot write (it contains itself?)' : typeof raw}. Nothing was logged.`,
    );
  return text;
}

/** Tag values are text; MLflow writes any other value as its string, and so does the Labbook. */
export const tagEntries = (tags: Record<string, unknown>): [string, string][] =>
  Object.entries(tags).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]);

/**
 * Checks a batch before any of it is stored: every key (MLflow's rules), every value's length, and
 * no key that would be a folder of another in the run.
 */
export function checkEntries(
  kind: KeyKind,
  existing: string[],
  entries: [string, unknown][],
): void {
  const keys = [...existing];
  for (const [key, value] of entries) {
    checkKey(kind, key);
    if (kind !== 'metric' && typeof value === 'string') checkValueLength(kind, key, value);
    const clash = folderClash(keys, key);
    if (clash)
      throw new TrackingError(
        'bad-name',
        `The ${kind} "${key}" cannot be logged beside "${clash}": MLflow stores each ${kind} as a file, so one cannot be a folder of the other. Rename one of them (e.g. "${key.replace(/\//g, '_')}"). Nothing was logged.`,
      );
    keys.push(key);
  }
}
