import { expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { collectPageErrors, newContext, screenshot, SCREENSHOT_DIR, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/** Types a solution into an exercise, runs it and checks it; the exercise's look is kept as a PNG. */
async function passExercise(
  page: import('playwright-core').Page,
  title: RegExp,
  code: string,
  shot: string,
) {
  const group = page.getByRole('group', { name: title });
  await setCode(group.locator('section.cell'), code);
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 90_000 })
    .toMatch(/^Passed/);
  await group.screenshot({ path: join(SCREENSHOT_DIR, `exercise-${shot}.png`) });
}

it('runs the drift lesson in Chromium and checks its exercises against the scenarios’ ground truth', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'data-and-concept-drift');
  await runAll(page, 180_000);
  await expectNoErrorOutputs(page);
  // The taxi days: congestion drifts no input column, the covariate day drifts the routes.
  const taxi = page.locator('section.cell').filter({ hasText: 'const routeColumns' }).first();
  await expect.poll(() => taxi.locator('.outputs').innerText()).toMatch(/congestion\s+none/);
  await taxi.locator('.outputs').screenshot({ path: join(SCREENSHOT_DIR, 'cell-taxi-drift.png') });
  await passExercise(
    page,
    /Exercise: Which features drifted/,
    "const { A: mystery } = await lab.monitoring.mystery('diabetes', { kinds: ['covariate'], strength: 0.8, mode: 'gradual' });\nconst r = await lab.monitoring.drift('diabetes', mystery.ref, { columns: features });\nconst driftedFeatures = r.columns.filter((c) => c.drifted).map((c) => c.column);",
    'which-drifted',
  );
  // Decided from the evidence alone: the kinds are dealt by a seed the page never shows.
  await passExercise(
    page,
    /Exercise: Covariate, label or concept/,
    "const mysteries = await lab.monitoring.mystery('diabetes', { kinds: ['covariate', 'label', 'concept'] });\nconst kinds = {};\nfor (const [name, m] of Object.entries(mysteries)) {\n  const r = await lab.monitoring.drift('diabetes', m.ref, { columns: [...features, 'target'] });\n  const inputs = r.columns.filter((c) => c.column !== 'target');\n  const target = r.columns.find((c) => c.column === 'target');\n  kinds[name] = inputs.every((c) => !c.drifted) ? 'concept' : inputs.every((c) => target.pValue < c.pValue) ? 'label' : 'covariate';\n}\nkinds;",
    'kind-of-drift',
  );
  await passExercise(
    page,
    /Exercise: Catch it without crying wolf/,
    'const sorted = [...controls].sort((a, b) => a - b);\nconst psiThreshold = (sorted[18] + (await psiOf(weak.ref))) / 2;',
    'psi-threshold',
  );
  await screenshot(page, 'lesson-drift');
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

it('monitors a day of traffic in Chromium and checks alert rules and the retraining decision against the labels', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'monitoring-in-production');
  await runAll(page, 240_000);
  await expectNoErrorOutputs(page);
  // The lesson's widget takes its overlapping windows from the fence's options.
  const widget = page.getByRole('region', { name: 'Drift monitor of endpoint diabetes-monitored' });
  await expect
    .poll(() => widget.locator('.head').innerText(), { timeout: 60_000 })
    .toMatch(/\d+ windows of 100, sliding by 50 ·/);
  await passExercise(
    page,
    /Exercise: Alert on what matters/,
    "const maes = now.reports.slice(0, 6).map((w) => w.performance.mae / now.referenceMae);\nconst rules = { datasetDrift: false, predictionDrift: false, maeRatio: (Math.max(...maes.slice(0, 4)) + Math.min(...maes.slice(4))) / 2 };\nconst day = await lab.monitoring.monitor('diabetes-monitored', { windowSize: 100, since: started, alerts: rules });\nday.alerts;",
    'alert-rules',
  );
  await passExercise(
    page,
    /Exercise: When to retrain/,
    "const retrainAt = now.reports.find((w) => w.alerts.some((a) => a.kind === 'performance')).index;\nretrainAt;",
    'when-to-retrain',
  );
  expect(errors).toEqual([]);
  await context.close();
}, 400_000);

it('closes the loop in Chromium: alert → retrain → canary → promote, drawn as a DAG', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'closing-the-loop');
  await runAll(page, 240_000);
  await expectNoErrorOutputs(page);
  const dag = page
    .locator('.outputs figure', {
      hasText: 'Continuous training of "diabetes-loop"',
    })
    .first();
  await dag.waitFor();
  expect(await dag.locator('rect').count()).toBeGreaterThanOrEqual(13);
  await expect
    .poll(() =>
      page
        .locator('.outputs')
        .getByText(/serves all traffic and is champion/)
        .count(),
    )
    .toBeGreaterThan(0);
  await page
    .locator('.outputs figure', { hasText: 'The same retraining, again' })
    .first()
    .waitFor();
  await passExercise(
    page,
    /Exercise: Roll back what the drift made worse/,
    "const champion = loop.version;\nconst from = Date.now();\nawait lab.serving.deploy('diabetes-loop', { strategy: 'canary', stable: champion, canary: before.version, percent: 10, rollback: { maxLabelErrorRatio: 1.1, minRequests: 20 } });\nawait lab.serving.simulate('diabetes-loop', { dataset: treated.ref, rate: 400, requests: 300, labelDelayMs: 100, users: 300 });\nconst labelled = (await lab.serving.requests('diabetes-loop', {}, 1000)).objects().filter((r) => r.at.getTime() >= from && r.label !== null);\nconst mae = (version) => { const rs = labelled.filter((r) => r.version === version); return rs.reduce((s, r) => s + Math.abs(r.prediction - r.label), 0) / rs.length; };\nif ((await lab.serving.endpoint('diabetes-loop')).deployment.strategy === 'canary' && mae(before.version) > mae(champion))\n  await lab.serving.rollback('diabetes-loop', 'worse on labelled requests');\nmae(before.version) / mae(champion);",
    'bad-canary',
  );
  await passExercise(
    page,
    /Exercise: Do not retrain on harmless drift/,
    "await lab.serving.deploy('diabetes-loop', { strategy: 'single', version: loop.version });\nconst shifted = await lab.monitoring.scenario(treated.ref, { scenario: 'covariate', seed: 61 });\nconst from = Date.now();\nawait lab.serving.simulate('diabetes-loop', { dataset: shifted.ref, rate: 400, requests: 200, labelDelayMs: 50, users: 200 });\nconst triggers = ['performance'];\nconst quiet = await lab.monitoring.closeLoop('diabetes-loop', { config: loopYaml, since: from, windowSize: 100, triggers, traffic: { dataset: shifted.ref } });\nquiet.steps.slice(0, 3);",
    'loop-trigger',
  );
  await screenshot(page, 'lesson-closing-the-loop');
  expect(errors).toEqual([]);
  await context.close();
}, 400_000);
