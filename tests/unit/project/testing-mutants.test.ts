import { describe, expect, test } from 'vitest';
import { checkMutants, mutatedText, runMutants } from '../../../src/lib/project/testing/mutants';
import { runProjectTests } from '../../../src/lib/project/testing/run-project-tests';
import type { TestReport } from '../../../src/lib/project/testing/types';

const SOURCE = 'export const R = 6371;\nexport const double = (x) => 2 * x;\n';
const files = {
  'src/f.js': SOURCE,
  'tests/f.test.js':
    "import { double, R } from '../src/f.js';\ntest('doubles', () => expect(double(3)).to.equal(6));\ntest('R', () => expect(R).to.be.above(6000));",
};
const run = (replace?: Record<string, string>) =>
  runProjectTests(replace ? { ...files, ...replace } : files);

describe('mutants', () => {
  test('a mutant is caught when a test fails, survives when none does; equivalents must pass', async () => {
    const report = await runMutants(
      files,
      checkMutants([
        { name: 'plus', file: 'src/f.js', find: '2 * x', replace: '2 + x' },
        { name: 'miles', file: 'src/f.js', find: '6371', replace: '6372' },
        { name: 'reordered', file: 'src/f.js', find: '2 * x', replace: 'x * 2', equivalent: true },
        {
          name: 'whole file',
          file: 'src/f.js',
          text: 'export const R = 1;\nexport const double = (x) => x + x;',
        },
      ]),
      run,
    );
    expect(report.mutants.map((m) => [m.name, m.status])).toEqual([
      ['plus', 'caught'],
      ['miles', 'survived'],
      ['reordered', 'kept'],
      ['whole file', 'caught'],
    ]);
    expect([report.caught, report.total, report.falseAlarms]).toEqual([2, 3, 0]);
  });

  test('a suite that tests the source text raises a false alarm on an equivalent refactoring', async () => {
    const snapshot = {
      ...files,
      'tests/f.test.js':
        "import { double } from '../src/f.js';\ntest('same code', () => expect(double.toString()).to.equal('(x) => 2 * x'));",
    };
    const report = await runMutants(
      snapshot,
      checkMutants([
        { name: 'reordered', file: 'src/f.js', find: '2 * x', replace: 'x * 2', equivalent: true },
      ]),
      (replace) => runProjectTests(replace ? { ...snapshot, ...replace } : snapshot),
    );
    expect(report.mutants[0]!.status).toBe('false-alarm');
    expect(report.falseAlarms).toBe(1);
  });

  test('no mutant runs while the suite fails on the real code', async () => {
    const broken = { ...files, 'tests/f.test.js': "test('no', () => expect(1).to.equal(2));" };
    const report = await runMutants(
      broken,
      checkMutants([{ name: 'plus', file: 'src/f.js', find: '2 * x', replace: '2 + x' }]),
      (replace) => runProjectTests(replace ? { ...broken, ...replace } : broken),
    );
    expect(report.baseline.failed).toBe(1);
    expect(report.mutants).toEqual([]);
    expect(report.caught).toBe(0);
  });

  test('a file that fails after some tests passed (a stopped hook, a crash) catches the mutant; a cancelled run gives no verdict', async () => {
    const real = await run();
    const halfRun: TestReport = {
      ...real,
      files: real.files.map((f) => ({
        ...f,
        tests: f.tests.slice(0, 1),
        error: { message: 'stuck' },
      })),
      summary: { ...real.summary, passed: 1, total: 1 },
    };
    expect(halfRun.summary.failed).toBe(0);
    const mutant = checkMutants([
      { name: 'plus', file: 'src/f.js', find: '2 * x', replace: '2 + x' },
    ]);
    const caught = await runMutants(files, mutant, async (replace) => (replace ? halfRun : real));
    expect(caught.mutants[0]).toMatchObject({ status: 'caught', failed: 1 });
    const notRun = await runMutants(files, mutant, async () => halfRun);
    expect([notRun.baselinePassed, notRun.mutants]).toEqual([false, []]);
    await expect(
      runMutants(files, mutant, async (replace) => (replace ? { ...real, cancelled: true } : real)),
    ).rejects.toThrow(/mutant "plus" was cancelled before it finished/);
  });

  test('a stale mutant is refused before anything runs, naming mutant and file', () => {
    const m = (find: string) =>
      checkMutants([{ name: 'm', file: 'src/f.js', find, replace: 'y' }])[0]!;
    expect(() => mutatedText(files, m('nowhere'))).toThrow(
      /Mutant "m": src\/f\.js contains the text to replace nowhere/,
    );
    expect(() => mutatedText(files, m('export'))).toThrow(/contains the text to replace 2 times/);
    expect(() =>
      mutatedText(
        files,
        checkMutants([{ name: 'm', file: 'src/g.js', find: 'a', replace: 'b' }])[0]!,
      ),
    ).toThrow(/the project has no file src\/g\.js/);
    expect(() =>
      mutatedText(
        files,
        checkMutants([{ name: 'm', file: 'src/f.js', find: '2', replace: '2' }])[0]!,
      ),
    ).toThrow(/leaves src\/f\.js as it was/);
    // `$&` in the replacement is text, not a pattern.
    expect(
      mutatedText(
        files,
        checkMutants([{ name: 'm', file: 'src/f.js', find: '6371', replace: '$&1' }])[0]!,
      ),
    ).toContain('R = $&1;');
  });

  test.each([
    [[], /non-empty list/],
    [[{ name: 'm' }], /mutant 1 \("m"\) needs the file/],
    [[{ file: 'src/f.js', find: 'a', replace: 'b' }], /mutant 1 needs a name/],
    [
      [{ name: 'm', file: 'src/f.js', find: 'a' }],
      /needs either find and replace \(both text\), or text/,
    ],
    [[{ name: 'm', file: 'src/f.js', text: 'x', find: 'a' }], /needs either find and replace/],
    [
      [{ name: 'm', file: '../x.js', text: 'x' }],
      /mutant 1 \("m"\): "\.\.\/x\.js" uses "\.\.", which would leave the project/,
    ],
    [
      [{ name: 'm', file: 'src/f.js', text: 'x', equivalent: 'yes' }],
      /equivalent must be true or false/,
    ],
    [[{ name: 'm', file: 'src/f.js', text: 'x', line: 3 }], /unknown field "line"/],
    [Array.from({ length: 51 }, () => ({ name: 'm', file: 'src/f.js', text: 'x' })), /at most 50/],
  ])('refuses %#: %s', (value, message) => {
    expect(() => checkMutants(value)).toThrow(message);
  });
});
