import { expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, newContext, screenshot, useChromium } from './chromium';
import {
  FIRST_LESSON,
  cells,
  editorsReady,
  expectNoErrorOutputs,
  openLesson,
  outputText,
  valueText,
  run,
  runAll,
  setCode,
} from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();

/**
 * A worker reports a violation to its own global and console, neither of which Playwright shows;
 * in the kernel a cell can listen (other workers' refusals show as failed training or outputs).
 */
const KERNEL_LISTENER = `self.__csp ??= [];
if (!self.__cspListening) {
  self.__cspListening = true;
  self.addEventListener('securitypolicyviolation', (e) => self.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
}`;

/**
 * Every Content-Security-Policy violation the pages report (the `securitypolicyviolation` event)
 * and every refusal the browser logs (workers report theirs only to the console).
 */
async function watchPolicy(context: BrowserContext, page: Page): Promise<() => Promise<string[]>> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const logged: string[] = [];
  const listen = (message: { text(): string }) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) logged.push(message.text());
  };
  page.on('console', listen);
  page.on('worker', (worker) => worker.on('console', listen));
  return async () => [
    ...logged,
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
  ];
}

/** The first visit, then the reload into the service worker's hands (isolated, its headers on). */
async function servedByTheWorker(page: Page, lesson: string): Promise<void> {
  await page.goto(`${siteUrl}#/lesson/${lesson}`);
  await page.waitForFunction(() => self.crossOriginIsolated, undefined, { timeout: 60_000 });
  await editorsReady(page);
}

const TRAIN = `${KERNEL_LISTENER}
const { train } = await lab.ml.courseSplit();
await lab.tracking.startRun({ name: 'csp-training' });
const m = await lab.ml.fitMlp(train, { target: 'target', epochs: 2, backend: 'wasm' });
await lab.tracking.logFigure('loss.svg', Plot.lineY([3, 2, 1]).plot());
await lab.tracking.endRun();
JSON.stringify([m.state.mlp.backend, m.state.mlp.threads > 0]);`;

it('runs a lesson with charts, training and serving, and every page, with no policy violation', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  const violations = await watchPolicy(context, page);
  await servedByTheWorker(page, FIRST_LESSON);
  const shell = await page.reload();
  expect(shell?.headers()['content-security-policy']).toMatch(
    /script-src 'self' 'wasm-unsafe-eval'(;|$)/,
  );
  await editorsReady(page);
  await runAll(page);
  await expectNoErrorOutputs(page);

  // Training in the training worker: TF.js's threaded wasm starts its threads from blob: URLs.
  const first = cells(page).first();
  await setCode(first, TRAIN);
  await run(first);
  expect(JSON.parse(await valueText(first))).toEqual(['wasm', true]);
  await setCode(first, 'JSON.stringify(self.__csp)');
  await run(first);
  expect(await outputText(first)).toBe('[]');

  // Registers, deploys and calls a model: the Models, Serving and Monitoring pages have content.
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page, 180_000);
  await expectNoErrorOutputs(page);

  await page.goto(`${siteUrl}#/runs`);
  await page.getByRole('link', { name: 'csp-training' }).click();
  await page.getByRole('button', { name: 'loss.svg' }).click();
  await page.getByRole('img', { name: 'Artifact loss.svg' }).waitFor();
  for (const route of ['models', 'serving', 'monitoring', 'data', 'workspace']) {
    await page.goto(`${siteUrl}#/${route}`);
    await page.locator('main h1').first().waitFor();
    await page.waitForTimeout(1500);
  }
  await page.goto(`${siteUrl}#/serving/diabetes`);
  await page.waitForTimeout(1500);
  await screenshot(page, 'csp-serving');
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
}, 360_000);

const INJECT = () => {
  const script = document.createElement('script');
  script.textContent = 'window.__pwned = "inline"';
  document.body.append(script);
  const img = document.createElement('img');
  img.setAttribute('onerror', 'window.__pwned = "handler"');
  img.src = 'data:,not-an-image';
  document.body.append(img);
};

const BLOB_WORKER = `${KERNEL_LISTENER}
await new Promise((resolve) => {
  try {
    const url = URL.createObjectURL(new Blob(['postMessage("ran")'], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.onmessage = () => resolve('ran');
    worker.onerror = () => resolve('refused');
    setTimeout(() => resolve('no answer'), 5000);
  } catch (error) {
    resolve('refused: ' + error.name);
  }
})`;

it('refuses injected inline script on the first visit and after, and a blob: worker from a cell', async () => {
  const context = await newContext(chromium());
  const page = await context.newPage();
  const violations = await watchPolicy(context, page);
  const pwned = () => page.evaluate(() => (window as { __pwned?: string }).__pwned ?? null);

  // The first visit: no service worker yet, the <meta> policy alone.
  await page.goto(`${siteUrl}#/lesson/${FIRST_LESSON}`);
  await page.mouse.move(5, 5); // a student at work: no reload for isolation under the test
  await page.evaluate(INJECT);
  await page.waitForTimeout(300);
  expect(await pwned()).toBeNull();
  expect((await violations()).join('\n')).toMatch(/script-src-elem[\s\S]*script-src-attr/);

  // Served by the service worker: the header policy, and the workers' own.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
  await page.reload();
  await editorsReady(page);
  await page.evaluate(INJECT);
  await page.waitForTimeout(300);
  expect(await pwned()).toBeNull();

  const first = cells(page).first();
  await setCode(first, BLOB_WORKER);
  await run(first);
  // The kernel's own guard refuses it first (kernel-guards.ts); the policy stands behind it.
  expect(await outputText(first)).toMatch(/^refused/);
  // The page's policy refuses a blob: worker by itself.
  const fromPage = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) =>
          resolve(`refused by ${e.violatedDirective}`),
        );
        try {
          new Worker(
            URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })),
          );
        } catch (error) {
          resolve(`refused: ${(error as Error).name}`);
        }
        setTimeout(() => resolve('no refusal'), 3000);
      }),
  );
  expect(fromPage).toMatch(/^refused/);
  // Cells still run with eval, which the kernel's policy allows.
  await setCode(first, "new Function('return 6 * 7')()");
  await run(first);
  expect(await outputText(first)).toBe('42');
  await context.close();
}, 180_000);
