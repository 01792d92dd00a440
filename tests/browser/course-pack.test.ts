import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, expect, it } from 'vitest';
import { readSeedFiles } from '../../scripts/vite/lessons-plugin';
import { startStaticServer } from '../../scripts/static-server';
import { newContext, screenshot, useChromium } from './chromium';
import { cells, editorsReady, outputText, run } from './notebook-page';

const chromium = useChromium();

/** The built site as an instructor uploads it: dist/ with a course/ folder beside index.html. */
function siteWithPack(): string {
  const dist = resolve(process.env.DIST_DIR ?? 'dist');
  const root = mkdtempSync(join(tmpdir(), 'labbook-pack-'));
  for (const name of readdirSync(dist)) symlinkSync(join(dist, name), join(root, name));
  cpSync('tests/fixtures/course-pack/good', join(root, 'course'), { recursive: true });
  return root;
}
const root = siteWithPack();
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('shows a course pack beside the built site, its problems at file:line, and works offline', async () => {
  const site = await startStaticServer({ root, base: '/pack/' });
  const context = await newContext(chromium());
  const page = await context.newPage();
  try {
    await page.goto(site.url);
    // The pack's course.yaml orders the list: its new lesson first, the replaced one by its title.
    await expect
      .poll(() => page.locator('h1').first().innerText(), { timeout: 30_000 })
      .toBe('Our MLOps course');
    const titles = page.locator('ol.lessons a.title');
    expect(await titles.allInnerTexts()).toEqual([
      'Welcome to our course',
      'How this notebook works',
      'The ML lifecycle, our version',
    ]);
    await page.getByTestId('pack-problems').waitFor();
    await screenshot(page, 'course-pack-list');

    // The instructor view names the broken lesson at its file and line.
    await page.goto(`${site.url}#/course-pack`);
    await expect
      .poll(() => page.getByTestId('pack-errors').innerText(), { timeout: 15_000 })
      .toMatch(/course\/broken-lesson\/lesson\.md:4:1\s+LESSON_BAD_YAML/);
    await screenshot(page, 'course-pack-instructor');

    // The pack lesson: Markdown's <script> is text and never runs; its image loads; a cell runs.
    await page.goto(`${site.url}#/lesson/pack-intro`);
    await editorsReady(page);
    expect(await page.locator('.prose').first().innerText()).toContain('<script>');
    expect(await page.evaluate(() => (window as { packScriptRan?: boolean }).packScriptRan)).toBe(
      undefined,
    );
    await expect
      .poll(() => page.locator('.prose img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(40);
    const first = cells(page).nth(0);
    await run(first);
    expect(await outputText(first)).toBe('42');

    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
      timeout: 30_000,
    });
    // Once the service worker controls the page, the pack is read through it and cached.
    await expect
      .poll(
        () =>
          page.evaluate(async () =>
            (await (await caches.open('labbook-course-pack')).keys()).map((r) => r.url),
          ),
        { timeout: 15_000 },
      )
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('course/course.yaml'),
          expect.stringContaining('course/21-pack-intro/logo.svg'),
        ]),
      );
  } finally {
    await site.close();
  }
  await expect(fetch(site.url)).rejects.toThrow();

  // Offline: the pack lesson is still in the list and opens.
  await page.goto(`${site.url}#/`);
  await expect
    .poll(() => page.locator('h1').first().innerText(), { timeout: 30_000 })
    .toBe('Our MLOps course');
  await page.goto(`${site.url}#/lesson/pack-intro`);
  await editorsReady(page);
  expect(await page.locator('h1').first().innerText()).toBe('Welcome to our course');
  await screenshot(page, 'course-pack-offline');
  await context.close();
});

it("says when a lesson's starter changed since the student's edit, shows the difference and offers it", async () => {
  const site = await startStaticServer({ root, base: '/starter/' });
  const context = await newContext(chromium());
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}#/lesson/pack-intro`);
    await editorsReady(page);
    // An edit stored against an older starter, as a student's would be after the author changed it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('mlops-labbook');
          open.onsuccess = () => {
            const tx = open.result.transaction('cells', 'readwrite');
            tx.objectStore('cells').put({
              lessonId: 'pack-intro',
              cellId: 'pack-cell',
              source: 'const answer = 41;\nanswer;',
              updatedAt: Date.now(),
              starter: '00000000',
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    await page.reload();
    await editorsReady(page);
    const notice = page.getByRole('region', { name: "The lesson's starter code changed" });
    await notice.waitFor();
    await notice.getByRole('button', { name: 'Show the difference' }).click();
    const diff = await page.getByTestId('starter-diff').innerText();
    expect(diff).toContain('const answer = 41;');
    expect(diff).toContain('const answer = 6 * 7;');
    await screenshot(page, 'starter-changed');
    await notice.getByRole('button', { name: 'Use the new starter' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    // The new starter is in the cell; the student's code is kept in a cell below it.
    expect(await cells(page).nth(0).locator('.cm-content').innerText()).toContain('6 * 7');
    expect(await cells(page).nth(1).locator('.cm-content').innerText()).toContain(
      'const answer = 41;',
    );
    // After a reload nothing is flagged: the cell holds the lesson's starter again.
    await page.reload();
    await editorsReady(page);
    expect(
      await page.getByRole('region', { name: "The lesson's starter code changed" }).count(),
    ).toBe(0);
  } finally {
    await site.close();
    await context.close();
  }
});

it('imports a pack zip on the Workspace page, keeps it after a reload, and removes it', async () => {
  // The plain built site, no course/ folder: the student's pack alone adds the lesson.
  const site = await startStaticServer({
    root: resolve(process.env.DIST_DIR ?? 'dist'),
    base: '/zip/',
  });
  const context = await newContext(chromium());
  const page = await context.newPage();
  try {
    const files = readSeedFiles('tests/fixtures/course-pack/good');
    const zip = zipSync(Object.fromEntries(files.map((f) => [`course/${f.path}`, f.bytes])));
    await page.goto(`${site.url}#/workspace`);
    await page
      .getByLabel('Course pack file')
      .setInputFiles({ name: 'week1.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByText('Imported: 1 lesson added, 1 replaced').waitFor({ timeout: 20_000 });
    // The broken lesson of the zip is named at its file and line; the rest was imported.
    expect(await page.getByTestId('pack-errors').innerText()).toMatch(
      /course\/broken-lesson\/lesson\.md:4:1/,
    );
    await screenshot(page, 'course-pack-import');
    await page.reload();
    await page.goto(`${site.url}#/`);
    await expect
      .poll(() => page.locator('h1').first().innerText(), { timeout: 20_000 })
      .toBe('Our MLOps course');
    await page.goto(`${site.url}#/lesson/pack-intro`);
    await editorsReady(page);
    // The image comes from the stored pack (a data: URL), not from a server.
    await expect
      .poll(() => page.locator('.prose img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(40);
    await page.goto(`${site.url}#/workspace`);
    await page.getByRole('button', { name: 'Remove the pack' }).click();
    await page.goto(`${site.url}#/`);
    await expect
      .poll(() => page.locator('h1').first().innerText(), { timeout: 20_000 })
      .not.toBe('Our MLOps course');
  } finally {
    await site.close();
    await context.close();
  }
});
