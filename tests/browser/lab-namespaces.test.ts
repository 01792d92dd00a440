import { expect, inject, it } from 'vitest';
import { collectPageErrors, useChromium } from './chromium';
import {
  cells,
  FIRST_LESSON,
  openLesson,
  outputText,
  run,
  setCode,
  valueText,
} from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

// Namespaces load on first use, after the kernel has wrapped its built-ins (the memory meter):
// each must still load there. Handing `lab` on whole loads every one of them.
it('every lab namespace loads in the real kernel, after its guards are in place', async () => {
  const page = await (await chromium().newContext()).newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, FIRST_LESSON);
  const cell = cells(page).first();
  await setCode(
    cell,
    'const all = lab;\nObject.keys(all).filter((k) => all[k] === undefined).length',
  );
  await run(cell);
  expect(await outputText(cell)).toBe('0');
  expect(errors).toEqual([]);
}, 120_000);

// The kernel freezes IndexedDB's prototypes; Dexie sets its own `cursor.advance` on each cursor a
// `filter()` query iterates (a cell's traffic replacing its earlier run's). That must still work.
it('a cell that sends traffic twice: Dexie cursors work on the frozen IndexedDB prototypes', async () => {
  const page = await (await chromium().newContext()).newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, FIRST_LESSON);
  const cell = cells(page).first();
  await setCode(
    cell,
    `const { train, test } = await lab.ml.courseSplit();
const run = await lab.tracking.startRun({ name: 'cursor' });
await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'ridge', alpha: 0, scale: true }));
await lab.tracking.endRun();
const { version } = await lab.registry.registerModel('runs:/' + run.id + '/model', 'cursor-model', {
  inputExample: test.slice(0, 5).select(aq.not('target')),
});
await lab.serving.deploy('cursor', { model: 'cursor-model', strategy: 'single', version });
const result = await lab.serving.loadTest('cursor', { requests: 20 });
result.errors + ' errors'`,
  );
  for (let i = 0; i < 2; i++) {
    await run(cell);
    expect(await valueText(cell)).toBe('0 errors');
  }
  expect(errors).toEqual([]);
}, 180_000);
