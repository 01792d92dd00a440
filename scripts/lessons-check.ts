/**
 * `npm run lessons:check [dir]`: validates every lesson and the course (course.yaml); exit 1 with
 * formatted errors.
 * `npm run lessons:check -- --run [lesson…]`: also runs the lessons (all, or those named by id,
 * folder or number) headless in Node: every cell, every starter failing its check, every solution
 * passing it.
 */
import { didYouMean, formatLessonError } from '../src/lib/lessons/errors';
import { COURSE_SCHEMA_FILE, SCHEMA_FILE, schemaIsCurrent } from './lesson-schema';
import { runLessonInNode, selectLessons } from './lesson-runner/run-lessons';
import { checkLessonsAndCourse, readLessonFiles } from './vite/lessons-plugin';

const args = process.argv.slice(2);
const run = args.includes('--run');
const positional = args.filter((a) => !a.startsWith('--'));
const dir = run ? 'lessons' : (positional[0] ?? 'lessons');
const files = readLessonFiles(dir);
const { lessons, errors } = checkLessonsAndCourse(dir);
const problems = errors.map(formatLessonError);
if (dir === 'lessons' && !(await schemaIsCurrent())) {
  problems.push(
    `${SCHEMA_FILE}:1:1 error LESSON_SCHEMA_OUTDATED: The JSON Schema does not match src/lib/lessons/schema.ts. Run npm run lessons:schema and commit the result.`,
  );
}
if (dir === 'lessons' && !(await schemaIsCurrent(COURSE_SCHEMA_FILE))) {
  problems.push(
    `${COURSE_SCHEMA_FILE}:1:1 error LESSON_SCHEMA_OUTDATED: The JSON Schema does not match src/lib/lessons/course-schema.ts. Run npm run lessons:schema and commit the result.`,
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

if (run) {
  const { selected, unknown } = selectLessons(lessons, positional);
  if (unknown.length > 0) {
    const ids = lessons.map((l) => l.meta.id);
    for (const name of unknown)
      console.error(`lessons:check --run: no lesson is called "${name}".${didYouMean(name, ids)}`);
    console.error(`Name a lesson by id, folder or number: ${ids.join(', ')}.`);
    process.exit(1);
  }
  let failures = 0;
  for (const lesson of selected) {
    const started = performance.now();
    const failed = await runLessonInNode(lesson);
    failures += failed.length;
    for (const failure of failed) console.error(formatLessonError(failure));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${failed.length === 0 ? 'ran' : 'FAILED'} ${lesson.meta.path} (${seconds} s)`);
  }
  if (failures > 0) {
    console.error(`\nlessons:check --run: ${failures} failure(s) in ${selected.length} lesson(s).`);
    process.exit(1);
  }
  console.log(`lessons:check --run: ${selected.length} lesson(s) ran; every check as expected.`);
  process.exit(0); // the lab services leave timers behind; nothing is pending once every lesson ran
}
