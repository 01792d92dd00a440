import { readdirSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import { inFreshPage, useChromium } from './chromium';
import {
  FIRST_LESSON,
  cells,
  editorsReady,
  openLesson,
  outputText,
  run,
  setCode,
} from './notebook-page';

const siteUrl = inject('siteUrl');
const chromium = useChromium();
const workerFile = readdirSync(`${process.env.DIST_DIR ?? 'dist'}/assets`).find((f) =>
  /^project-test\.worker-[\w-]+\.js$/.test(f),
)!;

const FILES = {
  'src/features.js': 'export const double = (x) => 2 * x;',
  'tests/features.test.js': [
    "import { double } from '../src/features.js';",
    "test('doubles', () => expect(double(2)).to.equal(4));",
    "test('wrong', () => expect({ a: double(1) }).to.deep.equal({ a: 3 }));",
  ].join('\n'),
};

/**
 * The built test worker, started from a cell (the kernel lets cells start the site's own
 * workers) and called with comlink's wire format: chai, the module loader's AsyncFunction and
 * the coverage instrumenter run in Chromium under the workers' Content-Security-Policy.
 */
it('the built project-test worker runs a suite with coverage in Chromium', async () => {
  await inFreshPage(chromium(), async (page) => {
    await openLesson(page, siteUrl, FIRST_LESSON);
    await editorsReady(page);
    const cell = cells(page).first();
    await setCode(
      cell,
      `const w = new Worker(new URL(${JSON.stringify(workerFile)}, location.href), { type: 'module' });
const { port2 } = new MessageChannel();
const report = await new Promise((resolve, reject) => {
  w.addEventListener('message', (e) => e.data?.id === 'r1' && resolve(e.data.value));
  w.addEventListener('error', (e) => reject(new Error('worker failed: ' + e.message)));
  w.postMessage({ id: 'r1', type: 'APPLY', path: ['run'], argumentList: [
    { type: 'RAW', value: ${JSON.stringify(FILES)} }, { type: 'RAW', value: { coverage: true } },
    { type: 'HANDLER', name: 'proxy', value: port2 }] }, [port2]);
});
w.terminate();
JSON.stringify([report.summary, report.files[0].tests[1].error.at, report.files[0].tests[1].error.diff, report.coverage]);`,
    );
    await run(cell);
    const text = await outputText(cell);
    const [summary, at, diff, coverage] = JSON.parse(text.slice(text.indexOf('['))) as unknown[];
    expect(summary).toEqual({ passed: 1, failed: 1, skipped: 0, timedOut: 0, total: 2 });
    expect(at).toEqual({ file: 'tests/features.test.js', line: 3, column: expect.any(Number) });
    expect(diff).toContain('-   "a": 3\n+   "a": 2');
    expect(coverage).toEqual([{ file: 'src/features.js', covered: 1, total: 1, uncovered: [] }]);
  });
});
