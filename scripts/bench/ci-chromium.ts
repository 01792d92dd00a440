import type { Browser, Page } from 'playwright-core';
import { createProject, seedProject, treeItem } from '../../tests/browser/project-page';
import { FILES } from './ci';
import { longTasks, watchLongTasks } from './long-tasks';
import type { BenchResult } from './report';

const RERUNS = 5;
const TIMEOUT = 120_000;

/** The page clock (ms), for the long tasks from that moment on. */
const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** Waits until `count` runs are listed and the newest one has finished; returns its status. */
async function finished(page: Page, count: number): Promise<string> {
  const badges = page.getByTestId('run-status');
  const end = Date.now() + TIMEOUT;
  while (Date.now() < end) {
    if ((await badges.count()) >= count) {
      const status = (await badges.first().textContent()) ?? '';
      if (!/queued|running/.test(status)) return status.trim();
    }
    await page.waitForTimeout(50);
  }
  throw new Error(`No finished run ${count} within ${TIMEOUT / 1000} s.`);
}

/**
 * Issue 16 item 9, in the built site: the lint → test → train (diabetes) → gate workflow runs
 * from the CI panel (started by a commit from the Git panel, then with Re-run) while a
 * PerformanceObserver records the page's long tasks. The workflow runs in the CI worker, so
 * what is recorded is the page's own work: the panel rendering logs and statuses.
 */
export async function benchCiInChromium(browser: Browser, siteUrl: string): Promise<BenchResult[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  try {
    const id = await createProject(page, siteUrl, 'ci-bench');
    await seedProject(page, { id, name: 'ci-bench' }, FILES);
    await page.reload();
    await treeItem(page, 'config.yml').waitFor();
    await page.getByRole('tab', { name: 'Git' }).click();
    await page.getByRole('button', { name: 'Create repository' }).click();
    await page.getByText('Repository created on branch main.').waitFor();
    await page.locator('summary', { hasText: 'Git author' }).click();
    await page.getByLabel('Name').fill('Bench');
    await page.getByLabel('Email').fill('bench@example.org');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Git author saved.').waitFor();
    await page.getByRole('button', { name: 'Stage all' }).click();
    await page.getByLabel('Commit message').fill('feat: ci');

    await watchLongTasks(page);
    const runs: { ms: number; tasks: number[] }[] = [];
    const measure = async (start: () => Promise<void>, count: number) => {
      const since = await pageNow(page);
      const t0 = performance.now();
      await start();
      const status = await finished(page, count);
      const ms = performance.now() - t0;
      if (!status.includes('success')) throw new Error(`The bench workflow ended ${status}.`);
      runs.push({ ms, tasks: await longTasks(page, since) });
    };
    // The commit's push starts the first run; the CI tab shows it as it runs.
    await measure(async () => {
      await page.getByRole('button', { name: /^Commit/ }).click();
      await page.getByRole('status').filter({ hasText: 'Committed' }).waitFor();
      await page.getByRole('tab', { name: 'CI' }).click();
    }, 1);
    for (let i = 0; i < RERUNS; i++)
      await measure(async () => {
        await page
          .getByRole('article', { name: 'Run of ci' })
          .getByRole('button', { name: 'Re-run' })
          .click();
      }, i + 2);

    const all = runs.flatMap((r) => r.tasks);
    const longest = Math.max(0, ...all);
    const list = runs.map(
      (r) => `${r.tasks.length} (${r.tasks.map((t) => t.toFixed(0)).join(', ') || '—'})`,
    );
    return [
      {
        name: 'Longest main-thread task while the lint → test → train → gate workflow runs',
        value: longest,
        unit: 'ms',
        target: { max: 50 },
        // The observer reports tasks over 50 ms only: 0 means none was.
        note: `Chromium, ${runs.length} runs from the CI panel (commit, then Re-run); 0: no task over 50 ms; long tasks per run: ${list.join('; ')}`,
      },
      {
        name: 'Main-thread tasks over 50 ms during those runs',
        value: all.length,
        unit: 'tasks',
        target: { max: 0 },
        note: `PerformanceObserver 'longtask' from the click to the finished status, ${runs.length} runs`,
      },
      {
        name: 'lint → test → train (diabetes) → gate workflow from the CI panel',
        value: [...runs.slice(1).map((r) => r.ms)].sort((a, b) => a - b)[(runs.length - 1) >> 1]!,
        unit: 'ms',
        target: { max: 5000 },
        note: `Chromium, click to finished status, median of the ${RERUNS} re-runs (first run with the commit: ${runs[0]!.ms.toFixed(0)} ms)`,
      },
    ];
  } finally {
    await context.close();
  }
}
