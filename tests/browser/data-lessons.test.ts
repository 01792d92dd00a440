import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** Runs a whole lesson in Chromium, then solves one exercise and checks it. */
async function runLesson(
  lessonId: string,
  exercise: RegExp,
  solution: string,
  shot: string,
  more?: (page: Page) => Promise<void>,
) {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, lessonId);
  await runAll(page);
  // Every cell of the lesson runs without an error in the real browser (IndexedDB, sql.js).
  await expectNoErrorOutputs(page);

  const group = page.getByRole('group', { name: exercise });
  await setCode(group.locator('section.cell'), solution);
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 30_000 })
    .toMatch(/^Passed/);
  await screenshot(page, shot);
  await more?.(page);
  expect(errors).toEqual([]);
  await context.close();
}

it('runs the SQL and NoSQL lesson and passes its SQL exercise', async () => {
  await runLesson(
    'databases-for-ml',
    /Exercise: Count high-risk/,
    "const highRisk = (await db.query('SELECT COUNT(*) AS n FROM train WHERE target > 200 AND bp > 100')).get('n', 0);",
    'lesson-databases',
  );
}, 120_000);

it('runs the exploration and validation lesson and passes its suite exercise', async () => {
  await runLesson(
    'explore-and-validate',
    /Exercise: Write a suite/,
    "const taxiSuite = lab.data.suite('taxi-clean').expectColumnValuesToBeBetween('passenger_count', 1, 6).expectColumnValuesToBeBetween('trip_duration', 60, 86400);\nconst taxiReport = await lab.data.validate(taxi, taxiSuite);",
    'lesson-validation',
  );
}, 120_000);

it('runs the data versioning lesson and passes its lineage exercise', async () => {
  await runLesson(
    'data-versioning',
    /Exercise: Version a derived/,
    "const nightVersion = await lab.data.save('taxi-night', clean.filter((d) => op.utchours(d.pickup_datetime) < 5), { from: clean, transform: 'filter' });",
    'lesson-versioning',
  );
}, 120_000);

it('runs the big-data lesson on a pool of workers and passes its exercise', async () => {
  await runLesson(
    'big-data',
    /Exercise: Big groups by weekday/,
    "const bigGroups = await lab.bigdata.scan(file).filter('passenger_count', '>=', 5).groupCount('pickup_datetime', 'weekday').collect();",
    'lesson-big-data',
  );
}, 180_000);

it('runs the experiment-tracking lesson, runs stored in IndexedDB, and passes its search exercise', async () => {
  await runLesson(
    'experiment-tracking',
    /Exercise: Find the best run/,
    "const [bestRun] = await lab.tracking.findRuns(\"params.model = 'ridge'\", ['metrics.test_mse ASC']);\nconst bestRidgeId = bestRun.id;",
    'lesson-tracking',
  );
}, 120_000);

it('runs the pipeline lesson (taxi features fitted in the kernel worker) and passes its 10 % exercise', async () => {
  await runLesson(
    'training-pipeline',
    /Exercise: Beat the baseline's RMSLE by 10 %/,
    "await lab.pipeline.run(courseYaml.replace('scale: [abnormal_period, hour]', 'scale: [abnormal_period, hour, log_distance_haversine]'));",
    'lesson-pipeline',
    async (page) => {
      // The MLP trained in its own worker by the fused trainer (its options are all supported).
      const mlp = page.locator('section.cell', { has: page.getByText('const mlpYaml') });
      expect(await mlp.locator('.outputs').innerText()).toMatch(/trainer: "fused"/);
      await page
        .locator('section.cell', { has: page.getByText('const history') })
        .locator('.outputs svg')
        .first()
        .waitFor();
      // The sweep ran its four trials on pipeline workers, each a tracked run.
      const sweep = page.locator('section.cell', { has: page.getByText('lab.pipeline.sweep(') });
      const text = await sweep.locator('.outputs').innerText();
      expect(text.match(/^trial \d\/4 /gm)).toHaveLength(4);
      expect(text).not.toMatch(/failed/);
    },
  );
}, 150_000);
