import { describe, expect, it } from 'vitest';
import {
  memoryTrackingPort,
  parseFilter,
  searchRuns,
  SearchSyntaxError,
  Tracker,
  TrackingError,
} from '../../../src/lib/tracking';

function tracker() {
  let t = 1_000;
  let n = 0;
  return new Tracker(memoryTrackingPort(), {
    now: () => (t += 10),
    randomBytes: () => Uint8Array.from({ length: 16 }, (_, i) => (i === 15 ? ++n : 0)),
  });
}

async function threeRuns() {
  const tr = tracker();
  await tr.setExperiment('taxi');
  for (const [name, alpha, rmse, model] of [
    ['ridge small', '0.01', 0.52, 'ridge'],
    ['ridge big', '10', 0.48, 'ridge'],
    ['lasso', '0.1', 0.61, 'lasso'],
  ] as const) {
    await tr.startRun({ name, tags: { model } });
    await tr.logParams({ alpha, features: ['hour', 'weekday'] });
    await tr.logMetric('rmse', rmse + 0.1, 0);
    await tr.logMetric('rmse', rmse, 1);
    await tr.endRun();
  }
  await tr.startRun({ name: 'baseline' });
  await tr.logMetric('rmsle', 0.79);
  await tr.endRun('FAILED');
  return tr;
}

describe('tracking with MLflow’s fluent API', () => {
  it('records params, metric histories with steps, tags, status and times', async () => {
    const tr = await threeRuns();
    const [run] = await tr.searchRuns("run_name = 'ridge big'");
    expect(run).toMatchObject({
      name: 'ridge big',
      status: 'FINISHED',
      params: { alpha: '10', features: '["hour","weekday"]' },
      tags: { model: 'ridge' },
      metrics: { rmse: { value: 0.48, step: 1, min: 0.48, max: 0.58 } },
    });
    expect(run!.endTime! > run!.startTime).toBe(true);
    expect((await tr.metricHistory(run!.id, 'rmse')).map((p) => [p.step, p.value])).toEqual([
      [0, 0.58],
      [1, 0.48],
    ]);
  });

  it('refuses to change a logged parameter, and needs an active run', async () => {
    const tr = tracker();
    await expect(tr.logParam('alpha', 1)).rejects.toThrow(/No run is active/);
    await tr.startRun();
    await tr.logParam('alpha', 1);
    await tr.logParam('alpha', 1);
    await expect(tr.logParam('alpha', 2)).rejects.toThrow(TrackingError);
    await expect(tr.logMetric('rmse', Number.NaN)).rejects.toThrow(/must be a number/);
  });

  it('tags a nested run with its parent, as MLflow does', async () => {
    const tr = tracker();
    const parent = await tr.startRun({ name: 'sweep' });
    const child = await tr.startRun({ name: 'trial 1' });
    expect(child.tags['mlflow.parentRunId']).toBe(parent.id);
    await tr.endRun();
    expect(tr.activeRun?.id).toBe(parent.id);
  });

  it('keeps artifacts with their type and size', async () => {
    const tr = tracker();
    const run = await tr.startRun();
    const info = await tr.logArtifact('model/model.json', { coef: [1, 2] });
    expect(info).toMatchObject({ path: 'model/model.json', mime: 'application/json' });
    expect(info.size).toBe(
      new TextEncoder().encode(JSON.stringify({ coef: [1, 2] }, null, 2)).length,
    );
    expect(run.id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('search filters (MLflow syntax)', () => {
  it('filters by metrics, params, tags and attributes, joined by AND', async () => {
    const tr = await threeRuns();
    const names = async (filter: string, order?: string[]) =>
      (await tr.searchRuns(filter, order)).map((r) => r.name);
    expect(await names('metrics.rmse < 0.55', ['metrics.rmse ASC'])).toEqual([
      'ridge big',
      'ridge small',
    ]);
    expect(await names("metrics.rmse < 0.55 and params.alpha = '0.01'")).toEqual(['ridge small']);
    expect(await names("tags.model != 'ridge'")).toEqual(['lasso']);
    expect(await names("attributes.status = 'FAILED'")).toEqual(['baseline']);
    expect(await names("run_name LIKE 'ridge%'", ['run_name'])).toEqual([
      'ridge big',
      'ridge small',
    ]);
    expect(await names("run_name ILIKE 'RIDGE%'")).toHaveLength(2);
    expect(await names("params.alpha IN ('10', '0.1')", ['params.alpha DESC'])).toEqual([
      'ridge big',
      'lasso',
    ]);
    expect(await names("params.alpha NOT IN ('10')")).toHaveLength(2);
    // A run without the metric does not match, and sorts last.
    expect(await names('metrics.rmsle >= 0')).toEqual(['baseline']);
    expect(await names('', ['metrics.rmse DESC'])).toEqual([
      'lasso',
      'ridge small',
      'ridge big',
      'baseline',
    ]);
    expect(await names('metrics.`rmse` <= 0.48')).toEqual(['ridge big']);
  });

  it('sorts by the last, min or max of a metric, and by dotted tag keys', async () => {
    const tr = tracker();
    for (const [name, losses, version] of [
      ['a', [0.2, 0.8], 'v2'],
      ['b', [0.5, 0.5], 'v3'],
      ['c', [0.9, 0.3], 'v1'],
    ] as const) {
      await tr.startRun({ name, tags: { 'dataset.version': version } });
      for (const loss of losses) await tr.logMetric('loss', loss);
      await tr.endRun();
    }
    const runs = await tr.searchRuns();
    const order = (term: string, metricField?: 'value' | 'min' | 'max') =>
      searchRuns(runs, '', [term], metricField ? { metricField } : {}).map((r) => r.name);
    expect(order('metrics.loss ASC')).toEqual(['c', 'b', 'a']);
    expect(order('metrics.loss ASC', 'min')).toEqual(['a', 'c', 'b']);
    expect(order('metrics.loss ASC', 'max')).toEqual(['b', 'a', 'c']);
    expect(order('tags.dataset.version DESC')).toEqual(['b', 'a', 'c']);
    // Filters still compare the last value, as MLflow does, whatever the sort.
    expect(
      searchRuns(runs, 'metrics.loss < 0.4', ['run_name'], { metricField: 'min' }).map(
        (r) => r.name,
      ),
    ).toEqual(['c']);
  });

  it('explains syntax errors with the column and what was expected', () => {
    const error = (filter: string) => {
      try {
        parseFilter(filter);
      } catch (e) {
        expect(e).toBeInstanceOf(SearchSyntaxError);
        return (e as Error).message.split('\n')[0];
      }
      return 'no error';
    };
    expect(error('metrics.rmse 0.5')).toBe(
      'Error at column 14: expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN) after "metrics.rmse"',
    );
    expect(error("metrics.rmse < 0.5 or params.a = '1'")).toBe(
      'Error at column 20: OR is not supported (MLflow supports AND only); run two searches instead',
    );
    expect(error('params.alpha = 0.01')).toBe(
      "Error at column 16: expected a quoted string, e.g. '0.01' (params and tags are strings)",
    );
    expect(error("metric.rmse < 'low'")).toBe(
      'Error at column 15: expected a number to compare metrics.rmse with',
    );
    expect(error('colour = 1')).toMatch(/column 1: expected a key such as metrics.rmse/);
    expect(error('metrics.rmse < 1 and')).toMatch(/expected another condition after AND/);
  });
});

describe('deleting runs', () => {
  it('hides a deleted run from searches, keeps it stored, and restores it', async () => {
    const tr = await threeRuns();
    const [lasso] = await tr.searchRuns("run_name = 'lasso'");
    await tr.deleteRun(lasso!.id);
    expect((await tr.getRun(lasso!.id)).deletedAt).toBeGreaterThan(lasso!.endTime!);
    expect((await tr.searchRuns()).map((r) => r.name)).not.toContain('lasso');
    await tr.deleteRun(lasso!.id, true);
    expect((await tr.getRun(lasso!.id)).deletedAt).toBeNull();
    expect((await tr.searchRuns()).map((r) => r.name)).toContain('lasso');
    await expect(tr.deleteRun('nope')).rejects.toThrow(/No run nope/);
  });
});
