import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { collectPageErrors, newContext, screenshot, useChromium } from '../../browser/chromium';
import { editorsReady, run, setCode } from '../../browser/notebook-page';
import { hostile } from '../hostile';
import { TIMER_CHEATS, TIMER_LESSON, TIMER_LESSON_ID } from '../timer-cheats';
import { parseLesson } from '../../../src/lib/lessons/parse';
import { submissionWith } from '../../../scripts/lesson-runner/submissions';

const chromium = useChromium();
const siteUrl = inject('siteUrl');

/**
 * The timer cheats of ../timer-cheats.ts in the page's real kernel worker, which freezes its
 * built-ins (SES lockdown, src/lib/kernel/harden-intrinsics.ts) before any cell runs. The lesson
 * arrives as a course pack, as an instructor's would. One page for every case: the cheats' timers
 * keep running into the later checks, as they would in a student's notebook.
 */
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  context = await newContext(chromium());
  page = await context.newPage();
  errors = collectPageErrors(page);
  const course = `title: Hostile course\nparts:\n  - title: Week 1\n    lessons:\n      - { id: ${TIMER_LESSON_ID}, folder: 99-${TIMER_LESSON_ID} }\n`;
  const encode = (text: string) => new TextEncoder().encode(text);
  const zip = zipSync({
    'course/course.yaml': encode(course),
    [`course/99-${TIMER_LESSON_ID}/lesson.md`]: encode(TIMER_LESSON),
  });
  await page.goto(`${siteUrl}#/workspace`);
  await page
    .getByLabel('Course pack file')
    .setInputFiles({ name: 'hostile.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await page.getByText(/Imported: 1 lesson added/).waitFor({ timeout: 30_000 });
  await page.goto(`${siteUrl}#/lesson/${TIMER_LESSON_ID}`);
  await editorsReady(page);
}, 120_000);
afterAll(() => context?.close());

const exercise = (title: string) =>
  page.getByRole('group', { name: new RegExp(`Exercise: ${escape(title)}`) });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Puts `code` in the exercise's cell, presses Check answer, and returns what the page says. */
async function checkWith(title: string, code: string): Promise<string> {
  const group = exercise(title);
  await setCode(group.locator('section.cell'), code);
  const result = group.getByTestId('check-result');
  // Marked, so a result that repeats the last one's text is still seen as new.
  if (await result.count()) await result.evaluate((e) => e.setAttribute('data-seen', ''));
  await group.getByRole('button', { name: 'Check answer' }).click();
  await group.locator('[data-testid="check-result"]:not([data-seen])').waitFor({ timeout: 60_000 });
  return result.innerText();
}

/** A scratch cell: the first code cell after the exercises is not there, so the first exercise. */
async function cellOutput(code: string): Promise<string> {
  const cell: Locator = exercise(TIMER_CHEATS[0]!.title).locator('section.cell');
  await setCode(cell, code);
  await run(cell);
  return (await cell.locator('.outputs').innerText()).trim();
}

describe('exercise checks in the real kernel against patches that land while the check awaits', () => {
  hostile(
    'exercise-check',
    'the kernel’s built-ins are frozen before any cell runs; students’ own objects and classes still override',
    { guards: 'security', timeout: 120_000 },
    async () => {
      const out = await cellOutput(
        [
          "const mine = {};\nmine.toString = () => 'mine';",
          "class Shape { toString() { return 'shape'; } }\nclass Square extends Shape {}",
          "const list = [3, 1];\nlist.includes = () => 'own includes';",
          "var JSON2 = 1; globalThis.myGlobal = 'ok';",
          "[Object.isFrozen(Array.prototype), Object.isFrozen(JSON), String(mine), `${new Square()}`, list.includes(), Array.from('ab').length, myGlobal].join(' ')",
        ].join('\n'),
      );
      expect(out).toBe('true true mine shape own includes 2 ok');
    },
  );

  hostile(
    'exercise-check',
    'a cell assigns to Array.prototype.includes, Math.random, JSON.stringify, aq.op.abs and a table method: refused with why',
    { guards: 'clarity', timeout: 120_000 },
    async () => {
      for (const [patch, path] of [
        ['Array.prototype.includes = () => true;', 'Array.prototype.includes'],
        ['Math.random = () => 0.5;', 'Math.random'],
        ["JSON.stringify = () => '3';", 'JSON.stringify'],
      ] as const) {
        const out = await cellOutput(patch);
        expect(out).toContain(
          `Cannot change ${path}. Built-ins are frozen in this notebook so checks can trust them: define your own function instead`,
        );
      }
      for (const [patch, path] of [
        ['aq.op.abs = () => 3;', 'aq.op.abs'],
        ['aq.table({}).constructor.prototype.numRows = () => 3;', 'aq.Table.prototype.numRows'],
      ] as const)
        expect(await cellOutput(patch)).toContain(
          `Cannot change ${path}. The libraries’ functions (aq, tf) are locked in this notebook so checks can trust them: define your own function instead`,
        );
      await screenshot(page, 'hostile-frozen-builtin');
    },
  );

  hostile(
    'exercise-check',
    'the lesson’s solutions pass in the real kernel (so a failed cheat below is the freeze’s doing)',
    { guards: 'security', timeout: 180_000 },
    async () => {
      for (const c of TIMER_CHEATS) expect(await checkWith(c.title, c.solution)).toMatch(/Passed/);
    },
  );

  for (const c of TIMER_CHEATS)
    hostile(
      'exercise-check',
      `real kernel: a cell’s ${c.title.replace(/^A /, '')}, while the check awaits`,
      { guards: 'security', timeout: 120_000 },
      async () => {
        expect(await checkWith(c.title, c.cheat)).toMatch(/Not yet/);
      },
    );

  hostile(
    'exercise-check',
    'real kernel: after every cheat, the page shows no error of its own',
    { guards: 'availability', timeout: 60_000 },
    async () => {
      await screenshot(page, 'hostile-check-timers');
      expect(errors).toEqual([]);
    },
  );
});

describe('the Gradebook re-executes submissions in grading workers that freeze the same built-ins and libraries', () => {
  hostile(
    'exercise-check',
    'Gradebook: a submission made of every cheat scores 0, one of the solutions full marks (a lesson of the instructor’s own pack)',
    { guards: 'security', timeout: 240_000 },
    async () => {
      const parsed = parseLesson(TIMER_LESSON, `lessons/99-${TIMER_LESSON_ID}/lesson.md`);
      if (!parsed.ok) throw new TypeError(JSON.stringify(parsed.errors));
      const pick = (kind: 'cheat' | 'solution') =>
        Object.fromEntries(TIMER_CHEATS.map((c) => [c.id, c[kind]]));
      const file = async (name: string, kind: 'cheat' | 'solution') => ({
        name: `${name}.submission.json`,
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify(await submissionWith(parsed.lesson, { name, id: name }, pick(kind))),
        ),
      });
      await page.goto(`${siteUrl}#/gradebook`);
      await page.getByTestId('gradebook-lesson').selectOption(TIMER_LESSON_ID);
      await page
        .getByTestId('submissions-input')
        .setInputFiles([await file('mallory', 'cheat'), await file('sol', 'solution')]);
      await expect.poll(() => page.getByTestId('gradebook-row').count()).toBe(2);
      await page.getByTestId('grade-all').click();
      await expect
        .poll(() => page.getByTestId('total').allInnerTexts(), { timeout: 200_000, interval: 500 })
        .toEqual(['0', String(TIMER_CHEATS.length)]);
      await screenshot(page, 'hostile-gradebook-cheats');
      expect(errors).toEqual([]);
    },
  );
});
