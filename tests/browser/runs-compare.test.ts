import { expect, inject, it } from 'vitest';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import { workspaceWithManyRuns } from './many-runs';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('compares selected runs side by side, differences marked, with the primary metric charted unasked', async () => {
  const file = Buffer.from(await workspaceWithManyRuns(12, 20));
  await inFreshPage(chromium(), async (page) => {
    const errors = collectPageErrors(page);
    await page.goto(`${siteUrl}#/workspace`);
    await page
      .getByLabel('Workspace file')
      .setInputFiles({ name: 'runs.zip', mimeType: 'application/zip', buffer: file });
    await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
    await page.goto(`${siteUrl}#/runs`);
    await page.getByTestId('runs').waitFor();

    // Trials 1, 5 and 9: the same hidden size, alpha 0.001, 10 and 0.01.
    await page.getByLabel('Filter').fill("params.hidden = '8'");
    await expect.poll(() => page.getByRole('status').first().innerText()).toMatch(/^3 runs/);
    await page.getByLabel('Select all shown runs').check();

    // Nothing picked: the chart of the first metric the runs share, their histories overlaid.
    await page
      .getByRole('figure', { name: /^loss by step/ })
      .locator('svg')
      .first()
      .waitFor();
    await expect
      .poll(() => page.getByTestId('primary-metric').innerText())
      .toBe('Charting loss, the first metric every selected run logged.');
    expect(await page.getByLabel('Metric to compare').inputValue()).toBe('loss');

    const table = page.getByTestId('compare-table');
    // Relative to a row when used in `has`, so rooted at the page, not the table.
    const header = (key: string) =>
      page.getByRole('rowheader').filter({ hasText: new RegExp(`^(param|metric) ${key}\\b`) });
    const rowOf = (key: string) => table.locator('tbody tr').filter({ has: header(key) });
    await screenshot(page, 'runs-compare');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
      'Run',
      'trial 9',
      'trial 5',
      'trial 1',
    ]);
    await expect.poll(() => rowOf('alpha').getAttribute('class')).toMatch(/differs/);
    expect(await table.locator(header('alpha')).innerText()).toMatch(/≠/);
    expect(await rowOf('alpha').locator('td').allInnerTexts()).toEqual(['0.01', '10', '0.001']);
    expect(await rowOf('hidden').getAttribute('class')).not.toMatch(/differs/);
    expect(await table.locator(header('hidden')).innerText()).not.toMatch(/≠/);

    // "Show only differences" from the keyboard: the agreeing rows go, the differing stay.
    const only = page.getByLabel('Show only differences');
    await only.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => rowOf('hidden').count()).toBe(0);
    expect(await rowOf('alpha').count()).toBe(1);
    // The table's box takes focus, so arrow keys scroll its columns.
    await page.getByRole('region', { name: 'Selected runs side by side' }).focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Selected runs side by side',
    );

    // All twelve: too many lines to tell apart, so bars of each run's final loss.
    await page.getByLabel('Filter').fill('');
    await page.getByLabel('Select all shown runs').check();
    const bars = page.getByRole('figure', { name: 'final loss of the selected runs' });
    await bars.locator('svg').first().waitFor();
    expect(await bars.locator('rect').count()).toBeGreaterThanOrEqual(12);
    await screenshot(page, 'runs-compare-bars');
    expect(errors).toEqual([]);
  });
}, 180_000);

it('overlays many runs’ histories from paths the compare worker built, on every x axis', async () => {
  const file = Buffer.from(await workspaceWithManyRuns(30, 20));
  await inFreshPage(chromium(), async (page) => {
    const errors = collectPageErrors(page);
    await page.goto(`${siteUrl}#/workspace`);
    await page
      .getByLabel('Workspace file')
      .setInputFiles({ name: 'runs.zip', mimeType: 'application/zip', buffer: file });
    await page.getByTestId('inspection').filter({ hasText: 'Valid workspace file' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
    await page.goto(`${siteUrl}#/runs`);
    await page.getByTestId('runs').waitFor();
    await page.getByLabel('Select all shown runs').check();
    await page.getByLabel('Chart', { exact: true }).selectOption('history');

    for (const [axis, name] of [
      ['step', /^loss by step/],
      ['relative', /^loss by seconds since/],
      ['wall', /^loss by time logged/],
    ] as const) {
      await page.getByLabel('Chart loss over').selectOption(axis);
      const figure = page.getByRole('figure', { name });
      await figure.locator('g.runs path').nth(29).waitFor();
      // One path per run in one group, mapped onto the plot area by the group's transform: every
      // line lies inside the frame Plot drew its axes around (70 to 700 px across, 320 high).
      const boxes = await figure.locator('g.runs').evaluate((g) => ({
        transform: g.getAttribute('transform'),
        count: g.querySelectorAll('path').length,
        lines: [...g.querySelectorAll('path')].map((p) => {
          const b = p.getBoundingClientRect();
          const svg = p.ownerSVGElement!.getBoundingClientRect();
          return [b.left - svg.left, b.right - svg.left, b.top - svg.top, b.bottom - svg.top] as [
            number,
            number,
            number,
            number,
          ];
        }),
      }));
      expect(boxes.transform).toMatch(/^translate\(.+\) scale\(.+\)$/);
      expect(boxes.count).toBe(30);
      for (const [left, right, top, bottom] of boxes.lines) {
        expect(left).toBeGreaterThanOrEqual(69);
        expect(right).toBeLessThanOrEqual(701);
        expect(top).toBeGreaterThanOrEqual(0);
        expect(bottom).toBeLessThanOrEqual(321);
        // By step or from its own start each run spans the chart; on the clock, its own slot.
        if (axis !== 'wall') expect(right - left).toBeGreaterThan(600);
      }
      // The lines reach the frame's ends (Plot's x domain is theirs, not made nice).
      expect(Math.min(...boxes.lines.map((b) => b[0]))).toBeLessThan(72);
      expect(Math.max(...boxes.lines.map((b) => b[1]))).toBeGreaterThan(695);
    }
    await page.getByLabel('Chart loss over').selectOption('step');
    await page
      .getByRole('figure', { name: /^loss by step/ })
      .locator('g.runs path')
      .nth(29)
      .waitFor();
    await screenshot(page, 'runs-compare-history-overlay');
    expect(errors).toEqual([]);
  });
}, 180_000);
