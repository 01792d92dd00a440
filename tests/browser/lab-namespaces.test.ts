import { expect, inject, it } from 'vitest';
import { collectPageErrors, useChromium } from './chromium';
import { cells, FIRST_LESSON, openLesson, outputText, run, setCode } from './notebook-page';

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
