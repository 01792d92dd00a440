import type { Browser } from 'playwright-core';
import { checkAll } from '../../src/lib/lessons';
import { readLessonFiles } from '../vite/lessons-plugin';
import { solutions, submissionWith } from '../lesson-runner/submissions';
import { watchLongTasks, longTasks } from './long-tasks';
import type { BenchResult } from './report';

const LESSON = 'how-this-notebook-works';
const STUDENTS = 40;

/**
 * 40 submissions of lesson 01 graded on the Gradebook page of the built site, as an instructor
 * would: imported at once, then "Grade all" — each student re-executed in a fresh grading worker
 * (cores + 1 at a time), lesson checks and a hidden check. Every fourth student solves nothing, every
 * other one solves one exercise, the rest both, so the totals are known and checked. The time
 * runs from the click to the last total on the page; the page is watched for long tasks.
 */
export async function benchGrading(browser: Browser, siteUrl: string): Promise<BenchResult[]> {
  const lesson = checkAll(readLessonFiles('lessons')).lessons.find((l) => l.meta.id === LESSON)!;
  const all = solutions(lesson);
  const files = [];
  const expected: number[] = [];
  for (let i = 0; i < STUDENTS; i++) {
    const code = i % 4 === 0 ? {} : i % 2 === 1 ? { 'longest-trip': all['longest-trip']! } : all;
    expected.push(Object.keys(code).length);
    const student = { name: `Student ${String(i).padStart(2, '0')}`, id: `s-${i}` };
    const submission = await submissionWith(lesson, student, code);
    files.push({
      name: `s-${i}.submission.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(submission)),
    });
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${siteUrl}#/gradebook`);
    await page.getByTestId('pack-input').setInputFiles({
      name: `${LESSON}.md`,
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        '```js hidden-check for=longest-trip\nreturn Number.isInteger(longest);\n```\n',
      ),
    });
    await page.getByTestId('submissions-input').setInputFiles(files);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="gradebook-row"]').length === n,
      STUDENTS,
    );
    await watchLongTasks(page);
    const started = Date.now();
    await page.getByTestId('grade-all').click();
    await page.waitForFunction(
      () => {
        const totals = [...document.querySelectorAll('[data-testid="total"]')];
        return totals.length > 0 && totals.every((t) => /^\d/.test(t.textContent ?? ''));
      },
      undefined,
      { timeout: 300_000, polling: 250 },
    );
    const seconds = (Date.now() - started) / 1000;
    const totals = await page.getByTestId('total').allInnerTexts();
    // Rows are sorted by name, which is the order the students were made in.
    if (totals.join() !== expected.join())
      throw new Error(`Grading gave ${totals.join()}; expected ${expected.join()}.`);
    const tasks = await longTasks(page);
    const longest = Math.max(0, ...tasks);
    return [
      {
        name: `${STUDENTS} submissions of lesson 01 graded (fresh worker per student, cores + 1 at a time)`,
        value: Math.round(seconds * 10) / 10,
        unit: 's',
        target: { max: 60 },
      },
      {
        name: 'Longest main-thread task while grading',
        value: Math.round(longest),
        unit: 'ms',
        note: `${tasks.length} tasks over 50 ms`,
      },
    ];
  } finally {
    await context.close();
  }
}
