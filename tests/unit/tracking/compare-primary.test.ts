import { describe, expect, it } from 'vitest';
import {
  defaultChart,
  FEW_RUNS,
  PRIMARY_METRIC_TAG,
  primaryMetric,
} from '../../../src/lib/tracking/compare-primary';
import type { Run } from '../../../src/lib/tracking';

const run = (id: string, metrics: string[], tags: Record<string, string> = {}): Run => ({
  id,
  experimentId: 'e',
  name: id,
  status: 'FINISHED',
  startTime: 0,
  endTime: 1,
  source: {},
  params: {},
  tags,
  metrics: Object.fromEntries(
    metrics.map((k) => [k, { value: 1, step: 0, timestamp: 0, min: 1, max: 1 }]),
  ),
  deletedAt: null,
});

describe('the metric a comparison charts first', () => {
  it('takes the metric the runs’ primary_metric tag names', () => {
    const runs = [
      run('a', ['train_mse', 'test_mse'], { [PRIMARY_METRIC_TAG]: 'test_mse' }),
      run('b', ['train_mse', 'test_mse'], { [PRIMARY_METRIC_TAG]: 'test_mse' }),
    ];
    expect(primaryMetric(runs, 'metrics.train_mse ASC')).toEqual({
      key: 'test_mse',
      reason: 'tag',
    });
  });

  it('ignores a tag naming a metric no run logged, or tags that disagree', () => {
    const ghost = [run('a', ['loss'], { [PRIMARY_METRIC_TAG]: 'accuracy' })];
    expect(primaryMetric(ghost)).toEqual({ key: 'loss', reason: 'shared' });
    const split = [
      run('a', ['loss', 'acc'], { [PRIMARY_METRIC_TAG]: 'acc' }),
      run('b', ['loss', 'acc'], { [PRIMARY_METRIC_TAG]: 'loss' }),
    ];
    expect(primaryMetric(split)).toEqual({ key: 'loss', reason: 'shared' });
  });

  it('else takes the metric the table is sorted by, with or without a direction', () => {
    const runs = [run('a', ['loss', 'val_loss']), run('b', ['loss', 'val_loss'])];
    expect(primaryMetric(runs, 'metrics.val_loss DESC')).toEqual({
      key: 'val_loss',
      reason: 'sorted',
    });
    expect(primaryMetric(runs, 'metrics.val_loss')?.key).toBe('val_loss');
    // A metric with dots in its name, and sorting by something else.
    const dotted = [run('a', ['loss', 'eval.rmse'])];
    expect(primaryMetric(dotted, 'metrics.eval.rmse asc')?.key).toBe('eval.rmse');
    expect(primaryMetric(runs, 'start_time DESC')).toEqual({ key: 'loss', reason: 'shared' });
  });

  it('else the first metric every run logged, in the order the first run logged them', () => {
    const runs = [run('a', ['zeta', 'alpha', 'mid']), run('b', ['mid', 'alpha'])];
    expect(primaryMetric(runs)).toEqual({ key: 'alpha', reason: 'shared' });
  });

  it('else the first metric any run logged; none when no run logged one', () => {
    expect(primaryMetric([run('a', []), run('b', ['acc']), run('c', ['f1'])])).toEqual({
      key: 'acc',
      reason: 'any',
    });
    expect(primaryMetric([run('a', [])])).toBeNull();
    expect(primaryMetric([])).toBeNull();
  });

  it('overlays histories for a few runs and draws bars of final values for many', () => {
    expect(defaultChart(1)).toBe('history');
    expect(defaultChart(FEW_RUNS)).toBe('history');
    expect(defaultChart(FEW_RUNS + 1)).toBe('final');
    expect(defaultChart(500)).toBe('final');
  });
});
