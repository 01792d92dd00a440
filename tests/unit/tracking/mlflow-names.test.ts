import { describe, expect, it } from 'vitest';
import {
  keyProblem,
  memoryTrackingPort,
  suggestKey,
  Tracker,
  TrackingError,
  type TrackingPort,
} from '../../../src/lib/tracking';

function tracker(port: TrackingPort = memoryTrackingPort()) {
  let t = 1_000;
  return new Tracker(port, { now: () => (t += 10) });
}

describe('MLflow key rules', () => {
  it('accepts what MLflow accepts: letters of any script, digits, _ - . space and /', () => {
    for (const key of [
      'rmse',
      'val_loss',
      'lr-0.1',
      'test rmse',
      'cv/fold 1',
      'Genauigkeit_ä',
      'a.b',
    ])
      expect(keyProblem(key), key).toBeUndefined();
  });

  it.each([
    ['learning rate (lr)', /only contain alphanumerics/],
    ['model:kind', /only contain alphanumerics/],
    ['rmse@test', /only contain alphanumerics/],
    ['note#1', /only contain alphanumerics/],
    ['a//b', /"\/\/"/],
    ['../x', /"\.\."/],
    ['/abs', /start or end with "\/"/],
    ['a/', /start or end with "\/"/],
    ['', /empty/],
    ['x'.repeat(251), /at most 250 characters; this one has 251/],
    ['ä'.repeat(200), /at most 255 bytes in UTF-8/],
  ])('refuses %j', (key, rule) => {
    expect(keyProblem(key)).toMatch(rule);
  });

  it('suggests a valid name for a refused one', () => {
    expect(suggestKey('model:kind')).toBe('model_kind');
    expect(suggestKey('a//b')).toBe('a/b');
    expect(suggestKey('../x')).toBe('x');
    expect(suggestKey('')).toBe('unnamed');
    for (const key of [
      'learning rate (lr)',
      'rmse@test',
      '/abs/',
      'x'.repeat(300),
      'ä'.repeat(300),
    ])
      expect(keyProblem(suggestKey(key)), key).toBeUndefined();
  });
});

describe('the tracker checks every key when it is logged', () => {
  it('names the key, the rule and a fix', async () => {
    const tr = tracker();
    await tr.startRun();
    const error = await tr.logParam('model:kind', 'ridge').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackingError);
    expect((error as TrackingError).code).toBe('bad-name');
    expect((error as Error).message).toBe(
      'Invalid param name "model:kind": Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/). Rename "model:kind" to e.g. "model_kind". Nothing was logged.',
    );
  });

  it('stores none of a batch when one key is bad, and says which', async () => {
    const port = memoryTrackingPort();
    const tr = tracker(port);
    const run = await tr.startRun();
    await expect(tr.logMetrics({ rmse: 0.5, 'rmse@test': 0.6, mae: 0.3 }, 0)).rejects.toThrow(
      /"rmse@test"/,
    );
    await expect(tr.logParams({ alpha: 1, 'learning rate (lr)': 0.1 })).rejects.toThrow(
      /"learning rate \(lr\)"/,
    );
    await expect(tr.setTags({ model: 'ridge', 'note#1': 'x' })).rejects.toThrow(/"note#1"/);
    const stored = await port.run(run.id);
    expect(stored).toMatchObject({ params: {}, metrics: {} });
    expect(Object.keys(stored!.tags)).toEqual([]);
    expect(await port.metricHistory(run.id, 'rmse')).toEqual([]);
    expect(tr.activeRun).toMatchObject({ params: {}, metrics: {}, tags: {} });
  });

  it('refuses fractional, infinite and inexact steps; accepts negative ones', async () => {
    const tr = tracker();
    await tr.startRun();
    await expect(tr.logMetric('loss', 1, 0.5)).rejects.toMatchObject({ code: 'bad-step' });
    await expect(tr.logMetric('loss', 1, Infinity)).rejects.toMatchObject({ code: 'bad-step' });
    await expect(tr.logMetric('loss', 1, 2 ** 60)).rejects.toThrow(/whole number/);
    await tr.logMetric('loss', 1, -3);
    expect(tr.activeRun!.metrics.loss).toMatchObject({ step: -3 });
  });

  it('refuses a key that would be a folder of another key', async () => {
    const tr = tracker();
    await tr.startRun();
    await tr.logMetric('cv/fold', 1, 0);
    await expect(tr.logMetric('cv/fold/1', 1, 0)).rejects.toThrow(/beside "cv\/fold"/);
    await expect(tr.logParams({ a: 1, 'a/b': 2 })).rejects.toThrow(/beside "a"/);
  });

  it('refuses values longer than MLflow keeps, and artifact paths outside the run', async () => {
    const tr = tracker();
    await tr.startRun();
    await expect(tr.logParam('notes', 'x'.repeat(6001))).rejects.toMatchObject({
      code: 'too-long',
    });
    await tr.logParam('notes', 'x'.repeat(6000));
    await expect(tr.setTags({ note: 'x'.repeat(8001) })).rejects.toThrow(/at most 8,000/);
    for (const path of ['../x.json', '/etc/passwd', 'a//b.txt', 'a\\b.txt', ''])
      await expect(tr.logArtifact(path, 'x'), path).rejects.toMatchObject({ code: 'bad-path' });
  });

  it('keeps a run unchanged when the store refuses the write', async () => {
    const port = memoryTrackingPort();
    let full = false;
    const tr = tracker({
      ...port,
      putRun: (run) => (full ? Promise.reject(new Error('QuotaExceededError')) : port.putRun(run)),
    });
    const run = await tr.startRun();
    full = true;
    await expect(tr.logParams({ alpha: 1 })).rejects.toThrow(/Quota/);
    await expect(tr.setTags({ model: 'ridge' })).rejects.toThrow(/Quota/);
    expect(run.params).toEqual({});
    expect(run.tags).toEqual({});
    full = false;
    await tr.logParams({ alpha: 2 });
    expect((await port.run(run.id))!.params).toEqual({ alpha: '2' });
  });

  it('starts and ends a run only once the store has it', async () => {
    const port = memoryTrackingPort();
    let full = true;
    const tr = tracker({
      ...port,
      putRun: (run) => (full ? Promise.reject(new Error('QuotaExceededError')) : port.putRun(run)),
    });
    await tr.setExperiment('x');
    await expect(tr.startRun({ name: 'lost' })).rejects.toThrow(/Quota/);
    expect(tr.activeRun).toBeUndefined();
    full = false;
    const run = await tr.startRun({ name: 'kept' });
    full = true;
    await expect(tr.endRun()).rejects.toThrow(/Quota/);
    expect(tr.activeRun).toBe(run);
    expect(run.status).toBe('RUNNING');
    full = false;
    await tr.endRun();
    expect((await port.runs()).map((r) => [r.name, r.status])).toEqual([['kept', 'FINISHED']]);
  });

  it('keeps keys like __proto__ and constructor as plain keys', async () => {
    const port = memoryTrackingPort();
    const tr = tracker(port);
    const run = await tr.startRun({ name: '__proto__', tags: { constructor: 'c' } });
    await tr.logParams({ ['__proto__']: 'p', constructor: 'k' });
    await tr.logMetric('constructor', 2, 0);
    await tr.logMetric('__proto__', 3, 0);
    const stored = (await port.run(run.id))!;
    expect(Object.keys(stored.params).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(stored.params)).toBe(Object.prototype);
    expect(stored.metrics.constructor).toMatchObject({ value: 2, step: 0 });
    expect(Object.hasOwn(stored.metrics, '__proto__')).toBe(true);
    expect(stored.tags.constructor).toBe('c');
    expect(stored.name).toBe('__proto__');
    expect(await tr.searchRuns("params.constructor = 'k'")).toHaveLength(1);
  });
});
