import { runProjectTests } from '../../src/lib/project/testing';
import type { BenchResult } from './report';

/** A project of 20 test files × 10 tests (each.each, hooks, deep equality) over one module. */
export function twoHundredTests(): Record<string, string> {
  const files: Record<string, string> = {
    'src/features.js':
      'export const rad = (d) => (d * Math.PI) / 180;\nexport function haversine(a, b, c, d) {\n  const x = Math.sin(rad(c - a) / 2) ** 2 + Math.cos(rad(a)) * Math.cos(rad(c)) * Math.sin(rad(d - b) / 2) ** 2;\n  return 2 * 6371 * Math.asin(Math.sqrt(x));\n}',
  };
  for (let f = 0; f < 20; f++)
    files[`tests/f${f}.test.js`] = [
      "import { haversine } from '../src/features.js';",
      'let rows;',
      'beforeEach(() => { rows = [{ a: 1 }, { a: 2 }]; });',
      "describe('haversine', () => {",
      "  test.each([0, 1, 2, 3, 4, 5, 6, 7])('is zero at the same point %i', (i) => expect(haversine(i, i, i, i)).to.equal(0));",
      "  test('is symmetric', () => expect(haversine(1, 2, 3, 4)).to.be.closeTo(haversine(3, 4, 1, 2), 1e-9));",
      "  test('rows', async () => { await null; expect(rows).to.deep.equal([{ a: 1 }, { a: 2 }]); });",
      '});',
    ].join('\n');
  return files;
}

/** 200 tests through the runner, with coverage, as the worker runs them (Node figure). */
export async function benchProjectTests(): Promise<BenchResult[]> {
  const files = twoHundredTests();
  await runProjectTests(files); // warm-up: the first run compiles chai and the loader
  const started = performance.now();
  const report = await runProjectTests(files, { coverage: true });
  const ms = performance.now() - started;
  if (report.summary.passed !== 200)
    throw new Error(
      `The bench project's tests should all pass; got ${JSON.stringify(report.summary)}.`,
    );
  return [
    {
      name: '200 tests run (20 files, coverage on, Node)',
      value: Math.round(ms),
      unit: 'ms',
      target: { max: 2000 },
    },
  ];
}

if (process.argv[1]?.endsWith('project-tests.ts'))
  console.log(JSON.stringify(await benchProjectTests()));
