import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from '../../browser/chromium';
import { lineOfRow, quotedCsv, withBadRow } from '../../unit/data/partitions/quoted-file';
import { hostile } from '../hostile';

const browser = useChromium();

async function file(name: string, content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'labbook-hostile-csv-')), name);
  await writeFile(path, content);
  return path;
}

describe('CSV import on the Data page', () => {
  hostile(
    'names',
    'columns named constructor, toString, __proto__ and valueOf: preview, override, import',
    { guards: 'data', timeout: 90_000 },
    async () => {
      const context = await newContext(browser());
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      try {
        await page.goto(`${inject('siteUrl')}#/data`);
        const csv = 'constructor,toString,__proto__,valueOf\n1,2,3,4\n5,6,7,8\n';
        await page.getByLabel('Choose a CSV file').setInputFiles(await file('odd.csv', csv));
        await page.getByLabel('Type of constructor').selectOption('float');
        await page.getByLabel('Type of __proto__').selectOption('string');
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        const summary = page.getByTestId('import-summary');
        await summary.waitFor();
        expect(await summary.innerText()).toMatch(
          /Imported odd · v-[0-9a-f]{12}: 2 rows, 4 columns/,
        );
        await page.getByTestId('versions').getByRole('link').first().click();
        await page.getByRole('img', { name: /Lineage of v-/ }).waitFor();
        const main = await page.locator('main').innerText();
        for (const line of [
          'constructor\tfloat',
          'toString\tinteger',
          '__proto__\tstring',
          'valueOf\tinteger',
        ])
          expect(main).toContain(line);
        await screenshot(page, 'hostile-column-names');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  hostile(
    'csv',
    'a 34 MB file with quoted line breaks at the cuts and a bad row late: imported in parts, the bad row named by its file line',
    { guards: 'data', timeout: 240_000 },
    async () => {
      const context = await newContext(browser());
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      try {
        const { text, rows } = quotedCsv(34);
        const k = rows - 1000;
        const path = await file('quoted.csv', withBadRow(text, k));
        await page.goto(`${inject('siteUrl')}#/data`);
        await page.getByLabel('Choose a CSV file').setInputFiles(path);
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        const failure = page.getByRole('alert');
        await failure.waitFor({ timeout: 120_000 });
        const where = `line ${lineOfRow(text, k)} (data row ${k + 1}), column "n"`;
        expect(await failure.innerText()).toContain(where);

        await page.getByLabel('Skip them and report them').check();
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        const summary = page.getByTestId('import-summary');
        await summary.waitFor({ timeout: 120_000 });
        expect(await summary.innerText()).toContain(`${(rows - 1).toLocaleString()} rows`);
        expect(await page.getByTestId('import-problems').innerText()).toContain(
          `${lineOfRow(text, k)}\t${k + 1}\tn`,
        );
        await screenshot(page, 'hostile-csv-quoted-parts');
        // Read in parts (the worker path), not in one pass.
        await page.getByTestId('versions').getByRole('link').first().click();
        await page.getByRole('heading', { name: 'Transform parameters' }).waitFor();
        expect(await page.locator('main').innerText()).toMatch(/"read": "[2-4] parts in parallel"/);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
  hostile(
    'csv',
    'a bad row in the first part of a 34 MB file: the parts after it, waiting for its row count to hash their blocks, end too, and nothing is stored',
    { guards: 'data', timeout: 240_000 },
    async () => {
      const context = await newContext(browser());
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      try {
        const { text } = quotedCsv(34);
        const k = 1000;
        const path = await file('early-bad.csv', withBadRow(text, k));
        await page.goto(`${inject('siteUrl')}#/data`);
        await page.getByLabel('Choose a CSV file').setInputFiles(path);
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        const failure = page.getByRole('alert');
        await failure.waitFor({ timeout: 120_000 });
        expect(await failure.innerText()).toContain(
          `line ${lineOfRow(text, k)} (data row ${k + 1}), column "n"`,
        );
        // The failed import left no version behind.
        await page.reload();
        await page.getByText(/No versions stored yet/).waitFor();
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
