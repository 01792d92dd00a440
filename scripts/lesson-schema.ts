/**
 * Writes lessons/lesson.schema.json from the zod frontmatter schema (src/lib/lessons/schema.ts),
 * formatted by Prettier so `npm run lint` accepts it. `npm run lessons:schema` regenerates it;
 * `npm run lessons:check` fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { frontmatterJsonSchemaText } from '../src/lib/lessons/schema';

export const SCHEMA_FILE = 'lessons/lesson.schema.json';

/** The file's expected text. */
export async function schemaText(file = SCHEMA_FILE): Promise<string> {
  const config = (await resolveConfig(file)) ?? {};
  return format(frontmatterJsonSchemaText(), { ...config, filepath: file });
}

/** True when the committed JSON Schema matches the zod schema. */
export async function schemaIsCurrent(file = SCHEMA_FILE): Promise<boolean> {
  try {
    return readFileSync(file, 'utf8') === (await schemaText(file));
  } catch {
    return false;
  }
}

export async function writeSchema(file = SCHEMA_FILE): Promise<void> {
  writeFileSync(file, await schemaText(file));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeSchema();
  console.log(`Wrote ${SCHEMA_FILE}.`);
}
