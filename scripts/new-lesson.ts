/** `npm run new-lesson -- <slug>`: scaffolds lessons/NN-slug/lesson.md with the next number. */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseLesson } from '../src/lib/lessons/parse';
import { formatLessonError } from '../src/lib/lessons/errors';
import { addLessonToCourse } from '../src/lib/lessons/course-edit';

const DIR = 'lessons';

function fail(message: string): never {
  console.error(`new-lesson: ${message}`);
  process.exit(1);
}

/** The template: passes lessons:check as written, and shows each kind of block once. */
export function lessonTemplate(slug: string): string {
  const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return `---
id: ${slug}
title: ${title}
summary: One or two sentences on what this lesson teaches.
objectives:
  - The first thing a student can do after this lesson
datasets: []
minutes: 20
prerequisites: []
---

Write the lesson here in Markdown. docs/authoring.md explains cells, exercises and widgets.

\`\`\`js id=numbers
const numbers = aq.table({ x: [1, 2, 3, 4] });
numbers;
\`\`\`

\`\`\`js exercise id=sum title="Add them up"
// Set total to the sum of the x column of numbers.
const total = 0;
\`\`\`

\`\`\`js check for=sum hint="Add the x values of numbers: a table can sum a column for you."
expect(typeof total === 'number', 'Define total as a number.');
return total === numbers.array('x').reduce((a, b) => a + b, 0);
\`\`\`

\`\`\`md hint for=sum
Look up \`rollup\` in the Arquero docs: it turns a column into one value.
\`\`\`

\`\`\`js solution for=sum
const total = numbers.rollup({ s: aq.op.sum('x') }).get('s', 0);
\`\`\`
`;
}

/** Creates the lesson folder; exits with a message on a bad slug or an existing lesson. */
export function newLesson(argv: string[]): void {
  const slug = argv[0];
  if (!slug) fail('give a slug: npm run new-lesson -- data-validation');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
    fail(
      `"${slug}" is not a kebab-case slug. Use lowercase letters, digits and single dashes, e.g. data-validation.`,
    );
  const folders = existsSync(DIR) ? readdirSync(DIR) : [];
  const same = folders.find((name) => /^\d{2}-/.test(name) && name.slice(3) === slug);
  if (same) fail(`lessons/${same} already uses the slug "${slug}". Pick another slug.`);
  const next = Math.max(0, ...folders.map((n) => Number(/^(\d{2})-/.exec(n)?.[1] ?? 0))) + 1;
  if (next > 99) fail('lesson numbers go up to 99; renumber the folders first.');
  const folder = join(DIR, `${String(next).padStart(2, '0')}-${slug}`);
  if (existsSync(folder)) fail(`${folder} already exists.`);
  const file = join(folder, 'lesson.md').split('\\').join('/');
  const source = lessonTemplate(slug);
  const result = parseLesson(source, file);
  if (!result.ok)
    fail(`the template does not parse:\n${result.errors.map(formatLessonError).join('\n')}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(file, source);
  console.log(`Created ${file}. Edit it, then run npm run lessons:check.`);
  const course = join(DIR, 'course.yaml');
  if (!existsSync(course)) return;
  const updated = addLessonToCourse(readFileSync(course, 'utf8'), slug);
  if (updated === undefined)
    console.error(`Add "${slug}" to a part of ${course}: lessons:check reports it until you do.`);
  else {
    writeFileSync(course, updated);
    console.log(`Added "${slug}" to the last part of ${course}; move it where it belongs.`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  newLesson(process.argv.slice(2));
}
