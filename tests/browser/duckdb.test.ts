import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { cells, openLesson, outputText, run, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('runs lesson 06’s DuckDB cells in the DuckDB worker, offline from the site alone, and passes its exercise', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (
      !r.url().startsWith(siteUrl) &&
      !r.url().startsWith('blob:') &&
      !r.url().startsWith('data:')
    )
      elsewhere.push(r.url());
  });
  await openLesson(page, siteUrl, 'big-data');
  const cell = (code: string) => cells(page).filter({ hasText: code }).first();

  await run(cell("lab.duck.table('trips', 'nyc-taxi')"));
  expect(await outputText(cell("lab.duck.table('trips', 'nyc-taxi')"))).toMatch(/100000|100,000/);
  await run(cell('const byVendor'));
  expect(await outputText(cell('const byVendor'))).toMatch(/vendor_id/);
  await run(cell('const hourly = lab.duck'));
  await run(cell('await hourly.explain()'));
  expect(await outputText(cell('await hourly.explain()'))).toMatch(/HASH_GROUP_BY/);
  await run(cell("lab.duck.writeParquet('SELECT * FROM trips'"));
  expect(await outputText(cell("lab.duck.writeParquet('SELECT * FROM trips'"))).toMatch(
    /lake\/trips\/vendor_id=2\/data_0\.parquet/,
  );
  const pushdown = cell('const lake = lab.duck');
  await run(pushdown);
  const plan = await outputText(pushdown);
  expect(plan).toMatch(/File Filters: \(vendor_id =/);
  expect(plan).toMatch(/Filters: passenger_count>2/);

  const group = page.getByRole('group', { name: /Exercise: Busy hours/ });
  await setCode(
    group.locator('section.cell'),
    "const busy = await lab.duck.from('trips').filter('passenger_count >= 5').groupBy('hour(pickup_datetime) AS hour').agg({ trips: 'count(*)' }).collect();",
  );
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 30_000 })
    .toMatch(/^Passed/);
  await screenshot(page, 'lesson-big-data-duckdb');
  // DuckDB, its wasm and the data came from the site: no request went anywhere else.
  expect(elsewhere).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 180_000);
