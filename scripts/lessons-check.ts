import { checkAll } from '../src/lib/lessons/check-all';
import { formatLessonError } from '../src/lib/lessons/errors';
import { readLessonFiles } from './vite/lessons-plugin';

const files = readLessonFiles(process.argv[2] ?? 'lessons');
const { lessons, errors } = checkAll(files);
for (const error of errors) console.error(formatLessonError(error));
if (errors.length > 0) {
  console.error(`\n${errors.length} error(s) in ${files.length} lesson file(s).`);
  process.exit(1);
}
const exercises = lessons.reduce((n, l) => n + l.meta.exercises, 0);
console.log(`lessons:check: ${lessons.length} lessons, ${exercises} exercises, no errors.`);
