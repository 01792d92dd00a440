import type { Page } from 'playwright-core';

type Watched = { longTasks: [number, number][] };

/** Starts recording the page's main-thread long tasks (> 50 ms): [start, duration] pairs. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as Watched).longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        (window as unknown as Watched).longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** Durations of the long tasks recorded since `watchLongTasks`, from page time `since` on. */
export async function longTasks(page: Page, since = 0): Promise<number[]> {
  const all = await page.evaluate(() => (window as unknown as Watched).longTasks);
  return all.filter(([at]) => at >= since).map(([, duration]) => duration);
}
