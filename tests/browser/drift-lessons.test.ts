import { expect, inject, it } from 'vitest';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import { expectNoErrorOutputs, openLesson, runAll, setCode } from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

async function passExercise(page: import('playwright-core').Page, title: RegExp, code: string) {
  const group = page.getByRole('group', { name: title });
  await setCode(group.locator('section.cell'), code);
  await group.getByRole('button', { name: 'Run', exact: true }).click();
  await group.getByRole('button', { name: 'Check answer' }).click();
  await expect
    .poll(() => group.getByTestId('check-result').innerText(), { timeout: 60_000 })
    .toMatch(/^Passed/);
}

it('runs the drift lesson in Chromium and checks its exercises against the scenarios’ ground truth', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await openLesson(page, siteUrl, 'data-and-concept-drift');
  await runAll(page, 180_000);
  await expectNoErrorOutputs(page);
  await passExercise(
    page,
    /Exercise: Covariate, label or concept/,
    "const order = ['covariate', 'label', 'concept'].sort((a, b) => ((a.length * 7 + 3) % 5) - ((b.length * 7 + 3) % 5));\nconst mysteries = {};\nfor (const [i, name] of ['A', 'B', 'C'].entries()) mysteries[name] = await lab.monitoring.scenario('diabetes', { scenario: order[i], seed: 30 + i });\nconst kinds = { A: 'covariate', B: 'concept', C: 'label' };",
  );
  await passExercise(
    page,
    /Exercise: Catch it without crying wolf/,
    'const sorted = [...controls].sort((a, b) => a - b);\nconst psiThreshold = (sorted[18] + (await psiOf(weak.ref))) / 2;',
  );
  await screenshot(page, 'lesson-drift');
  expect(errors).toEqual([]);
  await context.close();
}, 300_000);

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
  await screenshot(page, 'lesson-closing-the-loop');
  expect(errors).toEqual([]);
  await context.close();
}, 400_000);
