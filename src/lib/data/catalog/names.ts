/** A version id: what `lab.data.load('v-…')` resolves before trying a name. */
const VERSION_ID = /^v-[0-9a-f]{12}$/;
const NAME = /^[a-z0-9][\w.-]*$/i;
const MAX_NAME_LENGTH = 128;

/**
 * Why `name` cannot name a dataset, or null when it can. A name must survive every way it is
 * used: `name@id` references, URLs, file names in exports, and never be mistaken for an id.
 */
export function datasetNameProblem(name: unknown): string | null {
  const shown = JSON.stringify(name)?.slice(0, 60) ?? String(name);
  if (typeof name !== 'string' || !NAME.test(name))
    return `Dataset names are letters, digits, "-", "_" and "." and start with a letter or digit (got ${shown}).`;
  if (name.length > MAX_NAME_LENGTH)
    return `Dataset names are at most ${MAX_NAME_LENGTH} characters (got ${name.length}).`;
  if (VERSION_ID.test(name))
    return `${shown} looks like a version id, so loading it by name would find the version instead. Choose another name.`;
  return null;
}
