import { describe, expect, it } from 'vitest';
import { orderJobs, waves } from '../../../src/lib/ci/dag';
import { expandMatrix, MAX_MATRIX_JOBS } from '../../../src/lib/ci/matrix';
import { parseCron, firesBetween } from '../../../src/lib/ci/cron';

describe('needs DAG', () => {
  it('orders jobs after their needs and groups independent ones in waves', () => {
    const needs = { lint: [], test: [], train: ['lint', 'test'], gate: ['train'], docs: [] };
    const result = orderJobs(needs);
    expect(result).toEqual({ order: ['lint', 'test', 'docs', 'train', 'gate'] });
    if ('order' in result)
      expect(waves(needs, result.order)).toEqual([['lint', 'test', 'docs'], ['train'], ['gate']]);
  });
  it('names the loop, self-loops included', () => {
    expect(orderJobs({ a: ['a'] })).toMatchObject({
      problems: [{ kind: 'cycle', cycle: ['a', 'a'] }],
    });
    expect(orderJobs({ a: [], b: ['c'], c: ['b'] })).toMatchObject({
      problems: [{ cycle: ['b', 'c', 'b'] }],
    });
  });
});

describe('matrix', () => {
  it('expands the product, excludes, and merges or adds includes as GitHub does', () => {
    const jobs = expandMatrix(
      {
        alpha: [0.1, 1],
        model: ['ridge', 'lasso'],
        exclude: [{ alpha: 1, model: 'lasso' }],
        include: [{ model: 'ridge', note: 'base' }, { model: 'ols' }],
      },
      'train',
    );
    expect(jobs).toEqual([
      { alpha: 0.1, model: 'ridge', note: 'base' },
      { alpha: 0.1, model: 'lasso' },
      { alpha: 1, model: 'ridge', note: 'base' },
      { model: 'ols' },
    ]);
  });
  it('refuses more than the limit before building anything', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const started = performance.now();
    expect(() => expandMatrix({ a: values, b: values }, 'train')).toThrow(
      `makes 10000 jobs (a: 100 × b: 100); the limit is ${MAX_MATRIX_JOBS}`,
    );
    expect(performance.now() - started).toBeLessThan(50);
    expect(expandMatrix({ a: Array.from({ length: 256 }, (_, i) => i) }, 'x')).toHaveLength(256);
  });
});

describe('cron', () => {
  it('fires on the minutes it names, in UTC, capped per advance', () => {
    const monday3am = parseCron('0 3 * * 1');
    const from = Date.UTC(2026, 0, 1); // a Thursday
    expect(
      firesBetween(monday3am, from, from + 14 * 86_400_000).map((t) => new Date(t).toISOString()),
    ).toEqual(['2026-01-05T03:00:00.000Z', '2026-01-12T03:00:00.000Z']);
    expect(firesBetween(parseCron('*/15 * * * *'), from, from + 3_600_000)).toHaveLength(4);
    expect(firesBetween(parseCron('* * * * *'), from, from + 365 * 86_400_000)).toHaveLength(100);
    expect(() => parseCron('0 3 * *')).toThrow(/4 fields instead of 5/);
  });
});
