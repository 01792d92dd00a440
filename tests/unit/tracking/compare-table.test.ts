import { describe, expect, it } from 'vitest';
import { compareRows, shownRows } from '../../../src/lib/tracking/compare-table';
import type { Run } from '../../../src/lib/tracking';

const run = (
  id: string,
  params: Record<string, string>,
  metrics: Record<string, [last: number, min: number]>,
): Run => ({
  id,
  experimentId: 'e',
  name: id,
  status: 'FINISHED',
  startTime: 0,
  endTime: 1,
  source: {},
  params,
  tags: {},
  metrics: Object.fromEntries(
    Object.entries(metrics).map(([k, [value, min]]) => [
      k,
      { value, step: 0, timestamp: 0, min, max: value },
    ]),
  ),
  deletedAt: null,
});

describe('runs side by side', () => {
  const runs = [
    run('a', { model: 'ridge', alpha: '0.1' }, { rmse: [3.5, 3.1], r2: [0.4, 0.4] }),
    run('b', { model: 'ridge', alpha: '1' }, { rmse: [3.5, 3.2], r2: [0.4, 0.4] }),
    run('c', { model: 'ridge' }, { rmse: [3.5, 3.3], r2: [0.4, 0.4] }),
  ];

  it('lists parameters then metrics, each sorted, with one value per run in the runs’ order', () => {
    const rows = compareRows(runs);
    expect(rows.map((r) => `${r.kind}.${r.key}`)).toEqual([
      'param.alpha',
      'param.model',
      'metric.r2',
      'metric.rmse',
    ]);
    expect(rows[0]!.values).toEqual(['0.1', '1', undefined]);
    expect(rows[3]!.cells).toEqual(['3.500', '3.500', '3.500']);
  });

  it('marks a row that differs, a missing entry included, and not one where all agree', () => {
    const differs = Object.fromEntries(compareRows(runs).map((r) => [r.key, r.differs]));
    expect(differs).toEqual({ alpha: true, model: false, r2: false, rmse: false });
    // Runs that both lack a parameter agree on it; one run lacking it differs.
    expect(compareRows([runs[2]!, runs[2]!]).find((r) => r.key === 'alpha')).toBeUndefined();
  });

  it('compares the metric value the table shows: last, or min or max over steps', () => {
    const rmse = (field: 'value' | 'min') =>
      compareRows(runs, field).find((r) => r.key === 'rmse')!;
    expect(rmse('value').differs).toBe(false);
    expect(rmse('min').differs).toBe(true);
    expect(rmse('min').values).toEqual([3.1, 3.2, 3.3]);
  });

  it('differs on values beyond the shown digits, and keeps exact values for a tooltip', () => {
    const close = [run('x', {}, { loss: [0.1234561, 0] }), run('y', {}, { loss: [0.1234562, 0] })];
    const [loss] = compareRows(close);
    expect(loss!.cells[0]).toBe(loss!.cells[1]);
    expect(loss!.differs).toBe(true);
    expect(loss!.values).toEqual([0.1234561, 0.1234562]);
  });

  it('reads only own keys: a parameter named __proto__ or constructor is a row like any', () => {
    const odd = [run('p', JSON.parse('{"__proto__":"1","constructor":"x"}'), {}), run('q', {}, {})];
    const rows = compareRows(odd);
    expect(rows.map((r) => [r.key, r.values])).toEqual([
      ['__proto__', ['1', undefined]],
      ['constructor', ['x', undefined]],
    ]);
  });

  it('shows only the differing rows when asked', () => {
    const rows = compareRows(runs);
    expect(shownRows(rows, false)).toHaveLength(4);
    expect(shownRows(rows, true).map((r) => r.key)).toEqual(['alpha']);
  });

  it('compares no runs as no rows, and one run as rows that never differ', () => {
    expect(compareRows([])).toEqual([]);
    expect(compareRows([runs[0]!]).every((r) => !r.differs)).toBe(true);
  });
});
