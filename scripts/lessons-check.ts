/** `npm run lessons:check [dir]`: validates every lesson; exit 1 with formatted errors. */
import { checkAll } from '../src/lib/lessons/check-all';
import { formatLessonError } from '../src/lib/lessons/errors';
import { SCHEMA_FILE, schemaIsCurrent } from './lesson-schema';
import { readLessonFiles } from './vite/lessons-plugin';

const dir = process.argv[2] ?? 'lessons';
const files = readLessonFiles(dir);
const { lessons, errors } = checkAll(files);
const problems = errors.map(formatLessonError);
if (dir === 'lessons' && !(await schemaIsCurrent())) {
  problems.push(
    `${SCHEMA_FILE}:1:1 error LESSON_SCHEMA_OUTDATED: The JSON Schema does not match src/lib/lessons/schema.ts. Run npm run lessons:schema and commit the result.`,
  );
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`\nlessons:check: ${problems.length} error(s) in ${files.length} lesson file(s).`);
  process.exit(1);
}
const count = (kind: string) =>
  lessons.reduce((n, l) => n + l.blocks.filter((b) => b.kind === kind).length, 0);
console.log(
  `lessons:check: ${lessons.length} lessons, ${count('code')} cells, ${count('exercise')} exercises, ${count('widget')} widgets, no errors.`,
);
