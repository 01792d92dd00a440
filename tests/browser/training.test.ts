import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { cells, openLesson, outputText, run, setCode, valueText } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

it('trains an MLP in its own worker: the run page charts the loss live, and the same seed repeats', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'training-pipeline');
  const [first, second, third] = [cells(page).nth(0), cells(page).nth(1), cells(page).nth(2)];

  await setCode(first, "const live = await lab.tracking.startRun({ name: 'live mlp' });\nlive.id;");
  await run(first);
  const runId = (await outputText(first)).replace(/"/g, '');
  expect(runId).toMatch(/^[0-9a-f]{32}$/);

  // Small batches, many epochs, on TF.js: long enough to watch it train.
  await setCode(
    second,
    "const { train, test } = await lab.ml.courseSplit();\nconst options = { target: 'target', hidden: [32, 32], epochs: 800, batchSize: 8, seed: 7, trainer: 'tfjs' };\nconst first = await lab.ml.fitMlp(train, options);\nawait lab.tracking.endRun();\nfirst.state.mlp.backend;",
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();

  // The cell shows the loss per epoch as it arrives, as one output that grows.
  const live = second.getByRole('figure', { name: 'Loss per epoch' });
  await expect.poll(() => live.innerText(), { timeout: 30_000 }).toMatch(/epoch \d+ \/ 800 · loss/);
  await live.locator('polyline').first().waitFor();
  expect(await live.count()).toBe(1);
  await live.screenshot({ path: 'tests/artifacts/screenshots/cell-live-loss.png' });
  const watcher = await context.newPage();
  await watcher.goto(`${siteUrl}#/runs/${runId}`);
  const steps = async () => {
    const row = watcher.getByTestId('run-metrics').locator('tbody tr', { hasText: /^loss/ });
    return (await row.count()) ? Number(await row.locator('td').last().innerText()) : 0;
  };
  await expect.poll(steps, { timeout: 30_000 }).toBeGreaterThan(0);
  const early = await steps();
  expect(await watcher.getByText('RUNNING (updating live)').count()).toBe(1);
  // The chart over time, chosen while the run trains, stays chosen as the history grows.
  await watcher.getByLabel('Chart loss over').selectOption('relative');
  await expect.poll(steps, { timeout: 60_000 }).toBeGreaterThan(early);
  await expect.poll(() => watcher.getByLabel('Chart loss over').inputValue()).toBe('relative');
  await screenshot(watcher, 'run-live');
  // TF.js on a shared machine: 800 small epochs can take minutes.
  await expect.poll(() => watcher.getByText('FINISHED').count(), { timeout: 300_000 }).toBe(1);
  expect(await steps()).toBe(800);
  // The backend that trained it is on the run, as a pipeline run records it.
  await expect
    .poll(() => watcher.getByRole('row', { name: /^backend/ }).innerText())
    .toMatch(/tfjs-wasm/);
  // Still over time once it has finished: every epoch, placed when it was logged.
  expect(await watcher.getByLabel('Chart loss over').inputValue()).toBe('relative');
  await watcher
    .getByRole('figure', { name: /^loss by seconds since the run’s first value/ })
    .locator('svg')
    .first()
    .waitFor();
  await expect.poll(() => valueText(second), { timeout: 120_000 }).toMatch(/tfjs|wasm/);
  expect(await valueText(second)).toBe('wasm');
  await expect
    .poll(() => live.innerText())
    .toMatch(/epoch 800 \/ 800[\s\S]*Finished: trained by tfjs \(tfjs-wasm\)/);

  // Same data, options and seed on the same backend: the same model, prediction for prediction.
  await setCode(
    third,
    "const short = { ...options, epochs: 20, trainer: 'auto' };\nconst ma = await lab.ml.fitMlp(train, short);\nconst a = ma.predict(test);\nconst b = (await lab.ml.fitMlp(train, short)).predict(test);\n[ma.state.mlp.trainer, a.every((v, i) => v === b[i])].join(' ');",
  );
  await run(third);
  // The fused trainer, chosen on its own, repeats itself prediction for prediction.
  await expect.poll(() => valueText(third), { timeout: 120_000 }).toBe('fused true');
  expect(errors).toEqual([]);
  await context.close();
}, 600_000);

it('marks a run KILLED when its kernel is interrupted, and records the lesson and cell it came from', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, 'training-pipeline');
  const first = cells(page).nth(0);
  await setCode(first, "await lab.tracking.startRun({ name: 'orphan' });\nwhile (true) {}");
  await first.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Interrupt' }).click();
  await first.getByText(/^Interrupted: the kernel was stopped/).waitFor();
  await page.goto(`${siteUrl}#/runs`);
  await page.getByRole('link', { name: 'orphan' }).click();
  await expect.poll(() => page.locator('dl.facts').innerText()).toMatch(/KILLED/);
  expect(
    await page.locator('dl.facts').getByRole('link', { name: 'training-pipeline' }).count(),
  ).toBe(1);
  expect(
    await page.getByText('interrupted: the kernel was stopped while the run was active').count(),
  ).toBe(1);
  await context.close();
}, 120_000);

it('stops training from the run page: the run is KILLED, the kernel and its variables stay', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, 'training-pipeline');
  const [first, second, third] = [cells(page).nth(0), cells(page).nth(1), cells(page).nth(2)];
  await setCode(
    first,
    "const kept = 41;\nconst long = await lab.tracking.startRun({ name: 'stop me' });\nlong.id;",
  );
  await run(first);
  const runId = (await outputText(first)).replace(/"/g, '');
  await setCode(
    second,
    "const { train } = await lab.ml.courseSplit();\nawait lab.ml.fitMlp(train, { target: 'target', hidden: [32, 32], epochs: 5000, batchSize: 8, seed: 7, trainer: 'tfjs' });",
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();

  const watcher = await context.newPage();
  await watcher.goto(`${siteUrl}#/runs/${runId}`);
  await watcher.getByText('RUNNING (updating live)').waitFor({ timeout: 30_000 });
  await watcher
    .getByTestId('run-metrics')
    .locator('tbody tr', { hasText: /^loss/ })
    .waitFor({ timeout: 30_000 });
  await watcher.getByRole('button', { name: 'Stop training' }).click();
  await expect
    .poll(() => watcher.locator('dl.facts').innerText(), { timeout: 30_000 })
    .toMatch(/KILLED/);
  await expect
    .poll(() => outputText(second), { timeout: 30_000 })
    .toMatch(/Training stopped from the run page: run "stop me" is marked KILLED/);
  await setCode(third, 'kept + 1');
  await run(third);
  expect(await outputText(third)).toBe('42');
  await context.close();
}, 180_000);

it('fails a run plainly when the network is over the memory budget: the page and the kernel stay', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, 'training-pipeline');
  const [first, second, third] = [cells(page).nth(0), cells(page).nth(1), cells(page).nth(2)];
  await setCode(first, "const kept = 41;\n(await lab.tracking.startRun({ name: 'too big' })).id;");
  await run(first);
  const runId = (await outputText(first)).replace(/"/g, '');
  // Ten trillion weights in the first layer: refused before anything is allocated.
  await setCode(
    second,
    "const { train } = await lab.ml.courseSplit();\nawait lab.ml.fitMlp(train, { target: 'target', hidden: [1e12], epochs: 1 });",
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();
  await expect
    .poll(() => outputText(second), { timeout: 60_000 })
    .toMatch(
      /Training this network needs about [\d,.]+ TB \(.+\), more than the [\d,.]+ [MG]B a training worker may use\. Use smaller hidden layers, fewer rows or a smaller batch\. Run "too big" is marked FAILED\./,
    );
  await setCode(third, 'kept + 1');
  await run(third);
  expect(await outputText(third)).toBe('42');
  await page.goto(`${siteUrl}#/runs/${runId}`);
  await expect.poll(() => page.locator('dl.facts').innerText()).toMatch(/FAILED/);
  expect(await page.getByText(/^train: Training this network needs about/).count()).toBe(1);
  await context.close();
}, 120_000);

it('fails a run whose kernel took its tab down (out of memory) as soon as another page looks', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  await openLesson(page, siteUrl, 'training-pipeline');
  const [first, second] = [cells(page).nth(0), cells(page).nth(1)];
  await setCode(first, "(await lab.tracking.startRun({ name: 'crashed' })).id;");
  await run(first);
  const runId = (await outputText(first)).replace(/"/g, '');
  const watcher = await context.newPage();
  await watcher.goto(`${siteUrl}#/runs/${runId}`);
  await watcher.getByText('RUNNING (updating live)').waitFor();

  // A real exhaustion of the kernel worker's heap: Chromium ends the whole tab.
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  await setCode(
    second,
    'const hoard = [];\nfor (;;) hoard.push(new Array(1e6).fill(hoard.length));',
  );
  await second.getByRole('button', { name: 'Run', exact: true }).click();
  await crashed;

  // The page that was watching notices on its next poll: the run's kernel holds no lock any more.
  await expect
    .poll(() => watcher.locator('dl.facts').innerText(), { timeout: 30_000 })
    .toMatch(/FAILED/);
  expect(
    await watcher.getByText(/page crashed \(most often by running out of memory\)/).count(),
  ).toBe(1);
  await screenshot(watcher, 'run-kernel-crashed');
  await context.close();
}, 180_000);
