import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { FIRST_LESSON, cells, editorsReady, openLesson, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

describe('the course and the notebook a Jupyter user expects', () => {
  it('lists the lessons in course.yaml parts, with progress, prerequisites and the next lesson', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(siteUrl);
    const part = (name: string) => page.getByRole('region', { name });
    await part('Getting started').waitFor({ timeout: 30_000 });
    for (const name of [
      'Data',
      'Training and tracking',
      'Software engineering for ML',
      'Serving',
      'Monitoring',
    ])
      expect(await part(name).count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: 'Data: 0 of 4 lessons done' }).count()).toBe(
      1,
    );
    // Course order, not folder numbers: python-export (folder 19) is in the fourth part.
    const software = part('Software engineering for ML');
    expect(await software.getByRole('link', { name: /Out of the browser/ }).count()).toBe(1);
    expect(await software.getByText('From notebook to pipeline').count()).toBe(1);
    expect(await software.getByText('(not done yet)').count()).toBe(1);
    const next = page.getByTestId('next-lesson');
    expect(await next.innerText()).toMatch(/^Next: How this notebook works/);
    await screenshot(page, 'course-list');

    await next.getByRole('link').click();
    await editorsReady(page);
    expect(await page.getByTestId('lesson-next').innerText()).toMatch(
      /Next lesson: The ML lifecycle/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a note cell across a reload, rendered without script or javascript: links', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openLesson(page, siteUrl, FIRST_LESSON);
    await cells(page).first().getByRole('button', { name: 'Add note' }).click();
    const area = page.getByRole('textbox', { name: 'Your note (Markdown)' });
    await expect.poll(() => area.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.insertText(
      '## My note\n\n**Remember** the seed. <script>alert(1)</script> [bad](javascript:alert(2))',
    );
    await page.keyboard.press('Escape');
    const rendered = page.getByTestId('note-rendered');
    expect(await rendered.locator('h2').innerText()).toBe('My note');
    expect(await rendered.locator('script').count()).toBe(0);
    expect(await rendered.locator('a[href^="javascript"]').count()).toBe(0);

    // Stored: after a reload the note is back, in its place below the first cell.
    await page.waitForTimeout(300);
    await page.reload();
    await editorsReady(page);
    const note = page.getByRole('region', { name: 'Your note' });
    expect(await note.getByTestId('note-rendered').locator('h2').innerText()).toBe('My note');
    const below = await page.evaluate(() => {
      const first = document.querySelector('section.cell');
      const n = document.querySelector('section.note');
      return (
        !!first && !!n && !!(first.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING)
      );
    });
    expect(below).toBe(true);
    await screenshot(page, 'note-cell');

    await note.getByRole('button', { name: 'Delete note' }).click();
    await page.waitForTimeout(300);
    await page.reload();
    await editorsReady(page);
    expect(await page.locator('section.note').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows elapsed time, a caret under a syntax error, and clears outputs', async () => {
    const context = await newContext(chromium());
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await openLesson(page, siteUrl, FIRST_LESSON);
    const [first, second] = [cells(page).nth(0), cells(page).nth(1)];
    await setCode(first, 'await new Promise((r) => setTimeout(r, 1300));\n1 + 1');
    await first.getByRole('button', { name: 'Run', exact: true }).click();
    // Live while running, then the final time.
    await expect.poll(() => first.getByTestId('cell-elapsed').innerText()).toMatch(/^\d\.\d s$/);
    await run(first);
    expect(await first.getByTestId('cell-elapsed').innerText()).toMatch(/^1\.\d s$/);

    await setCode(second, 'const x = 1;\nconst y = (x + ;');
    await run(second);
    const error = second.locator('.error');
    expect(await error.locator('strong').innerText()).toBe('SyntaxError (line 2, column 16):');
    expect(await second.getByTestId('error-caret').innerText()).toBe(
      '2 | const y = (x + ;\n  |                ^',
    );
    await screenshot(page, 'cell-elapsed-caret');

    await page.getByRole('button', { name: 'Clear outputs' }).click();
    expect(await page.locator('.outputs').count()).toBe(0);
    expect(await first.getByTestId('cell-elapsed').count()).toBe(0);
    expect(await first.locator('.gutter').innerText()).toBe('[ ]');

    await run(first);
    await page.getByRole('button', { name: 'Restart and clear' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.outputs').count()).toBe(0);
    await run(first);
    expect(await first.locator('.gutter').innerText()).toBe('[1]');
    expect(errors).toEqual([]);
    await context.close();
  });
});
