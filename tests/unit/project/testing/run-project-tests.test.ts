import { describe, expect, test } from 'vitest';
import { runProjectTests, type TestEvent } from '../../../../src/lib/project/testing';

const FEATURES = [
  'export function haversine(lat1, lon1, lat2, lon2) {',
  '  const R = 6371;',
  '  const rad = (d) => (d * Math.PI) / 180;',
  '  const a =',
  '    Math.sin(rad(lat2 - lat1) / 2) ** 2 +',
  '    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;',
  '  return 2 * R * Math.asin(Math.sqrt(a));',
  '}',
  'export function isRushHour(hour) {',
  '  if (hour >= 7 && hour < 10) return true;',
  '  if (hour >= 16 && hour < 19) return true;',
  '  return false;',
  '}',
].join('\n');

const SUITE = [
  "import { haversine, isRushHour } from '../src/features.js';",
  "describe('haversine', () => {",
  "  test('is zero for the same point', () => {",
  '    expect(haversine(40.7, -74, 40.7, -74)).to.equal(0);',
  '  });',
  "  test('is symmetric', () => {",
  '    expect(haversine(40.7, -74, 40.8, -73.9)).to.be.closeTo(haversine(40.8, -73.9, 40.7, -74), 1e-9);',
  '  });',
  '});',
  'test.each([[8, true], [12, false], [17, true]])(',
  "  'isRushHour(%i) is %s',",
  '  (hour, expected) => { expect(isRushHour(hour)).to.equal(expected); },',
  ');',
].join('\n');

describe('runProjectTests', () => {
  test('runs describe/test/test.each with chai and reports every test', async () => {
    const events: TestEvent['type'][] = [];
    const report = await runProjectTests(
      { 'src/features.js': FEATURES, 'tests/features.test.js': SUITE },
      { onEvent: (e) => events.push(e.type) },
    );
    expect(report.summary).toEqual({ passed: 5, failed: 0, skipped: 0, timedOut: 0, total: 5 });
    expect(report.files[0]!.tests.map((t) => t.path.join(' › '))).toEqual([
      'haversine › is zero for the same point',
      'haversine › is symmetric',
      'isRushHour(8) is true',
      'isRushHour(12) is false',
      'isRushHour(17) is true',
    ]);
    expect(events[0]).toBe('file-start');
    expect(events.at(-1)).toBe('file-end');
    expect(events.filter((e) => e === 'test-start')).toHaveLength(5);
  });

  test('mutants: the same suite fails against a broken function', async () => {
    const mutant = FEATURES.replace('hour < 10', 'hour <= 12');
    const report = await runProjectTests({
      'src/features.js': mutant,
      'tests/features.test.js': SUITE,
    });
    expect(report.summary.failed).toBe(1);
    const failed = report.files[0]!.tests.find((t) => t.status === 'failed')!;
    expect(failed.path).toEqual(['isRushHour(12) is false']);
    expect(failed.error!.message).toMatch(/^AssertionError: expected true to equal false/);
    expect(failed.error!.at).toEqual({ file: 'tests/features.test.js', line: 12, column: 53 });
    expect(failed.error!.diff).toBe('- expected\n+ received\n\n- false\n+ true');
  });

  test('a failing deep equality shows an expected/received line diff', async () => {
    const report = await runProjectTests({
      'a.test.js':
        "test('rows', () => {\n  expect({ a: 1, b: [1, 2] }).to.deep.equal({ a: 1, b: [1, 3] });\n});",
    });
    const error = report.files[0]!.tests[0]!.error!;
    expect(error.at).toEqual({ file: 'a.test.js', line: 2, column: 39 });
    expect(error.diff).toContain('-     3\n+     2');
  });

  test('hooks run around each test, in order, and async tests are awaited', async () => {
    const report = await runProjectTests({
      'h.test.js': [
        'const log = [];',
        "beforeAll(() => log.push('all'));",
        "beforeEach(() => log.push('before'));",
        "afterEach(() => log.push('after'));",
        "describe('inner', () => {",
        "  beforeEach(async () => { await null; log.push('inner-before'); });",
        "  test('a', async () => { await new Promise((r) => setTimeout(r, 5)); log.push('a'); });",
        '});',
        "test('log', () => expect(log).to.deep.equal(['all', 'before', 'inner-before', 'a', 'after', 'before']));",
      ].join('\n'),
    });
    expect(report.files[0]!.tests.map((t) => t.status)).toEqual(['passed', 'passed']);
  });

  test('skip and only', async () => {
    const report = await runProjectTests({
      'o.test.js':
        "test('a', () => {});\ntest.only('b', () => {});\ntest.skip('c', () => { throw 1; });",
    });
    expect(report.files[0]!.tests.map((t) => [t.path[0], t.status])).toEqual([
      ['a', 'skipped'],
      ['b', 'passed'],
      ['c', 'skipped'],
    ]);
  });

  test('a test that never settles times out and the others still report', async () => {
    const report = await runProjectTests(
      {
        't.test.js':
          "test('hangs', () => new Promise(() => {}));\ntest('quick', () => {});\ntest('slow but allowed', () => new Promise((r) => setTimeout(r, 80)), 500);",
      },
      { timeoutMs: 50 },
    );
    expect(report.files[0]!.tests.map((t) => t.status)).toEqual(['timed-out', 'passed', 'passed']);
    expect(report.files[0]!.tests[0]!.error!.message).toMatch(/did not finish within 50 ms/);
  });

  test('a test file that does not load reports its syntax error with the location', async () => {
    const report = await runProjectTests({
      'bad.test.js': "test('x', () => {\n  expect(1).to.equal(;\n});",
    });
    expect(report.files[0]!.status).toBe('failed');
    expect(report.files[0]!.error!.message).toMatch(
      /^ProjectError: bad\.test\.js:2:22: SyntaxError/,
    );
    expect(report.summary.failed).toBe(1);
  });

  test('coverage per line of the modules, with the uncovered lines', async () => {
    const report = await runProjectTests(
      {
        'src/features.js': FEATURES,
        'src/unused.js': 'export const x = 1;\nexport function f() {\n  return 2;\n}',
        'tests/f.test.js':
          "import { isRushHour } from '../src/features.js';\ntest('rush', () => expect(isRushHour(8)).to.equal(true));",
      },
      { coverage: true },
    );
    expect(report.coverage).toEqual([
      // Statements on lines 2, 3 (and its arrow body), 4, 7, 10, 11, 12; declarations do not count.
      { file: 'src/features.js', covered: 1, total: 7, uncovered: [2, 3, 4, 7, 11, 12] },
      { file: 'src/unused.js', covered: 0, total: 2, uncovered: [1, 3] },
    ]);
  });
});
