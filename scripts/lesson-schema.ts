/**
 * Writes lessons/lesson.schema.json from the zod frontmatter schema (src/lib/lessons/schema.ts)
 * and lessons/course.schema.json from the course.yaml schema (course-schema.ts), formatted by
 * Prettier so `npm run lint` accepts them. `npm run lessons:schema` regenerates them;
 * `npm run lessons:check` fails when one is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { frontmatterJsonSchemaText } from '../src/lib/lessons/schema';
import { courseJsonSchemaText } from '../src/lib/lessons/course-schema';

export const SCHEMA_FILE = 'lessons/lesson.schema.json';
export const COURSE_SCHEMA_FILE = 'lessons/course.schema.json';

const TEXTS: Record<string, () => string> = {
  [SCHEMA_FILE]: frontmatterJsonSchemaText,
  [COURSE_SCHEMA_FILE]: courseJsonSchemaText,
};

/** The file's expected text (the course schema for course.schema.json, else the lesson's). */
export async function schemaText(file = SCHEMA_FILE): Promise<string> {
  const config = (await resolveConfig(file)) ?? {};
  const text = (TEXTS[file] ?? frontmatterJsonSchemaText)();
  return format(text, { ...config, filepath: file });
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
  await writeSchema(COURSE_SCHEMA_FILE);
  console.log(`Wrote ${SCHEMA_FILE} and ${COURSE_SCHEMA_FILE}.`);
}
