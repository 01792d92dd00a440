import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const slug = process.argv[2];
if (!slug || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
  console.error('Usage: npm run new-lesson -- <slug>   (kebab-case, e.g. data-validation)');
  process.exit(1);
}
const numbers = readdirSync('lessons')
  .map((name) => /^(\d{2})-/.exec(name)?.[1])
  .filter((n): n is string => n !== undefined)
  .map(Number);
if (readdirSync('lessons').some((name) => name.slice(3) === slug)) {
  console.error(`A lesson with the slug "${slug}" already exists in lessons/.`);
  process.exit(1);
}
const folder = join('lessons', `${String(Math.max(0, ...numbers) + 1).padStart(2, '0')}-${slug}`);
if (existsSync(folder)) {
  console.error(`${folder} already exists.`);
  process.exit(1);
}
const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
mkdirSync(folder);
writeFileSync(
  join(folder, 'lesson.md'),
  `---
id: ${slug}
title: ${title}
summary: One or two sentences on what this lesson teaches.
objectives:
  - The first thing a student can do after this lesson
minutes: 20
---

Write the lesson here in Markdown. See docs/authoring.md for cells, exercises and widgets.

\`\`\`js id=first
const numbers = [1, 2, 3];
numbers.length
\`\`\`

\`\`\`js exercise id=sum title="Add them up"
const total = 0; // replace 0 with the sum of numbers
\`\`\`

\`\`\`js check for=sum hint="Use numbers.reduce((a, b) => a + b, 0)."
expect(total === numbers.reduce((a, b) => a + b, 0), 'total should be the sum of numbers.');
\`\`\`
`,
);
console.log(`Created ${join(folder, 'lesson.md')}. Run npm run lessons:check to validate it.`);
