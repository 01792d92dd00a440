import { describe, expect, it } from 'vitest';
import { parallelCoordinates, valuesAtStep, type Run } from '../../../src/lib/tracking';

const run = (id: string, params: Record<string, string>, rmse: number): Run => ({
  id,
  experimentId: 'e',
  name: id,
  status: 'FINISHED',
  startTime: 0,
  endTime: 1,
  source: {},
  params,
  tags: {},
  metrics: { rmse: { value: rmse, step: 0, timestamp: 0, min: rmse, max: rmse } },
  deletedAt: null,
});

describe('comparing runs', () => {
  it('reads each run at a chosen step: the last value logged at or before it', () => {
    const p = (runId: string, step: number, value: number) => ({
      runId,
      key: 'loss',
      step,
      value,
      timestamp: 0,
    });
    const at = valuesAtStep([p('a', 0, 9), p('a', 10, 5), p('a', 20, 2), p('b', 15, 7)], 12);
    expect(at.get('a')).toEqual({ step: 10, value: 5 });
    expect(at.get('b')).toBeNull();
  });

  it('places numeric parameters by range and others as sorted categories', () => {
    const runs = [
      run('r1', { alpha: '0.1', model: 'ridge' }, 3),
      run('r2', { alpha: '10', model: 'lasso' }, 1),
    ];
    const points = parallelCoordinates(runs, ['alpha', 'model'], 'rmse');
    const at = (r: string, axis: string) =>
      points.find((p) => p.run === r && p.axis === axis)!.position;
    expect([at('r1', 'alpha'), at('r2', 'alpha')]).toEqual([0, 1]);
    expect([at('r1', 'model'), at('r2', 'model')]).toEqual([1, 0]);
    expect([at('r1', 'rmse'), at('r2', 'rmse')]).toEqual([1, 0]);
  });
});
