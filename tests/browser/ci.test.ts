import { describe, expect, inject, it } from 'vitest';
import { collectPageErrors, inFreshPage, screenshot, useChromium } from './chromium';
import { createProject, seedProject, treeItem } from './project-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

const FILES = {
  'src/mean.js':
    'export function mean(xs) {\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n}\n',
  'src/mean.test.js':
    "import { mean } from './mean.js';\ntest('mean of three', () => {\n  expect(mean([1, 2, 3])).to.equal(2);\n});\n",
  '.github/workflows/ci.yml': `name: ci
on:
  push:
    branches: [main]
  workflow_dispatch:
jobs:
  lint:
    steps:
      - uses: labbook/lint@v1
  test:
    needs: lint
    steps:
      - id: t
        run: labbook test
      - uses: labbook/cml-report@v1
        with:
          body: "| check | result |\\n| --- | --- |\\n| tests | \${{ steps.t.outputs.passed }} passed |"
`,
};

describe('CI panel', () => {
  it('a commit from the Git panel starts the workflow, whose run goes green on the CI panel', async () => {
    await inFreshPage(chromium(), async (page) => {
      const errors = collectPageErrors(page);
      await page.setViewportSize({ width: 1366, height: 900 });
      const id = await createProject(page, siteUrl, 'ci-demo');
      await seedProject(page, { id, name: 'ci-demo' }, FILES);
      await page.reload();
      await treeItem(page, 'src').waitFor();

      await page.getByRole('tab', { name: 'Git' }).click();
      await page.getByRole('button', { name: 'Create repository' }).click();
      await page.getByText('Repository created on branch main.').waitFor();
      await page.locator('summary', { hasText: 'Git author' }).click();
      await page.getByLabel('Name').fill('Ada Lovelace');
      await page.getByLabel('Email').fill('ada@example.org');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Git author saved.').waitFor();
      await page.getByRole('button', { name: 'Stage all' }).click();
      await page.getByLabel('Commit message').fill('feat: mean with CI');
      await page.getByRole('button', { name: /^Commit/ }).click();
      await page.getByRole('status').filter({ hasText: 'Committed' }).waitFor();

      await page.getByRole('tab', { name: 'CI' }).click();
      const badge = page.getByTestId('run-status').first();
      await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('success');
      const detail = page.getByRole('article', { name: 'Run of ci' });
      await detail.locator('summary', { hasText: 'test' }).first().click();
      await detail.locator('summary', { hasText: 'labbook test' }).click();
      await expect
        .poll(() => detail.locator('pre.log').allTextContents())
        .toEqual(
          expect.arrayContaining([expect.stringContaining('✓ src/mean.test.js › mean of three')]),
        );
      await detail.getByRole('table').waitFor();
      await expect.poll(() => page.getByTestId('badge').first().textContent()).toBe('ci: success');
      await screenshot(page, 'ci-run-green');
      expect(errors).toEqual([]);
    });
  }, 180_000);

  it('a test stuck in a loop is stopped at the step limit in its own worker; the other job reports', async () => {
    await inFreshPage(chromium(), async (page) => {
      const errors = collectPageErrors(page);
      await page.setViewportSize({ width: 1366, height: 900 });
      const id = await createProject(page, siteUrl, 'ci-hang');
      await seedProject(
        page,
        { id, name: 'ci-hang' },
        {
          'loop.test.js': "test('spins', () => {\n  for (;;) {}\n});\n",
          '.github/workflows/bad.yml':
            'on: push\njobs:\n  a:\n    nedds: b\n    steps: [{ run: echo }]\n',
          '.github/workflows/hang.yml': `name: hang
on: push
jobs:
  stuck:
    steps:
      - run: labbook test
        timeout-minutes: 0.02
  fine:
    steps:
      - run: echo still here
`,
        },
      );
      await page.reload();
      await treeItem(page, 'loop.test.js').waitFor();
      await page.getByRole('tab', { name: 'Git' }).click();
      await page.getByRole('button', { name: 'Create repository' }).click();
      await page.getByText('Repository created on branch main.').waitFor();
      await page.locator('summary', { hasText: 'Git author' }).click();
      await page.getByLabel('Name').fill('Ada Lovelace');
      await page.getByLabel('Email').fill('ada@example.org');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Git author saved.').waitFor();
      await page.getByRole('button', { name: 'Stage all' }).click();
      await page.getByLabel('Commit message').fill('test: a loop');
      await page.getByRole('button', { name: /^Commit/ }).click();
      await page.getByRole('status').filter({ hasText: 'Committed' }).waitFor();

      await page.getByRole('tab', { name: 'CI' }).click();
      const badge = page.getByTestId('run-status').first();
      await expect.poll(() => badge.textContent(), { timeout: 60_000 }).toContain('failure');
      const detail = page.getByRole('article', { name: 'Run of hang' });
      await expect
        .poll(() => detail.locator('pre.log').allTextContents())
        .toEqual(
          expect.arrayContaining([expect.stringContaining('longer than its limit of 1.2 s')]),
        );
      await detail.locator('summary', { hasText: 'fine' }).first().click();
      await expect
        .poll(() => detail.locator('summary', { hasText: 'fine' }).first().textContent())
        .toContain('✓');
      // A broken workflow file is named with its line, column and the fix, not skipped in silence.
      await page
        .getByText(
          '.github/workflows/bad.yml:4:5 error unknown-key: Unknown key "nedds" in jobs.a. Did you mean "needs"?',
          { exact: false },
        )
        .waitFor();
      // The page stayed responsive while the test spun in its worker.
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      await screenshot(page, 'ci-run-timed-out');
      expect(errors).toEqual([]);
    });
  }, 180_000);
});
