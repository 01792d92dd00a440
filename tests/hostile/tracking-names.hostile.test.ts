import { strFromU8, unzipSync } from 'fflate';
import { describe, expect } from 'vitest';
import { parse } from 'yaml';
import {
  exportMlflowZip,
  memoryTrackingPort,
  Tracker,
  TrackingError,
  type Run,
  type TrackingPort,
} from '../../src/lib/tracking';
import { hostile } from './hostile';

/** A tracker with an active run, and the port it stores to. */
async function started(name?: string): Promise<{ tr: Tracker; port: TrackingPort; run: Run }> {
  const port = memoryTrackingPort();
  let t = 1_700_000_000_000;
  const tr = new Tracker(port, { now: () => (t += 1000) });
  await tr.setExperiment('hostile');
  const run = await tr.startRun(name === undefined ? {} : { name });
  return { tr, port, run };
}

/** The refusal a call gives: a TrackingError with a code and a message naming the input. */
async function refusal(call: Promise<unknown>): Promise<TrackingError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrackingError);
  return error as TrackingError;
}

/** Nothing of a refused call reached the store. */
async function nothingStored(port: TrackingPort, run: Run) {
  const stored = (await port.run(run.id))!;
  expect(Object.keys(stored.params)).toEqual([]);
  expect(Object.keys(stored.metrics)).toEqual([]);
  expect(Object.keys(stored.tags)).toEqual([]);
  expect(await port.artifacts(run.id)).toEqual([]);
}

describe('names of runs, tags, params and artifacts', () => {
  for (const key of ['learning rate (lr)', 'model:kind', 'rmse@test', 'note#1'])
    for (const kind of ['param', 'metric', 'tag'] as const)
      hostile('names', `a ${kind} key MLflow refuses: ${key}`, { guards: 'data' }, async () => {
        const { tr, port, run } = await started();
        const call =
          kind === 'param'
            ? tr.logParam(key, 1)
            : kind === 'metric'
              ? tr.logMetric(key, 1, 0)
              : tr.setTags({ [key]: 'x' });
        const error = await refusal(call);
        expect(error.code).toBe('bad-name');
        expect(error.message).toContain(`"${key}"`);
        expect(error.message).toMatch(/only contain alphanumerics.*Rename .* to e\.g\. "/);
        await nothingStored(port, run);
      });

  for (const [key, rule] of [
    ['a//b', /"\/\/"/],
    ['../x', /"\.\."/],
    ['/abs', /start or end with "\/"/],
    ['x'.repeat(300), /at most 250 characters; this one has 300/],
    ['', /must be given; it is empty/],
  ] as const)
    hostile('names', `a key ${JSON.stringify(key.slice(0, 12))}`, { guards: 'data' }, async () => {
      const { tr, port, run } = await started();
      for (const call of [tr.logParam(key, 1), tr.logMetric(key, 1, 0), tr.setTags({ [key]: 'x' })])
        expect((await refusal(call)).message).toMatch(rule);
      await nothingStored(port, run);
    });

  hostile('names', 'a batch logMetrics with one bad key', { guards: 'data' }, async () => {
    const { tr, port, run } = await started();
    const error = await refusal(tr.logMetrics({ rmse: 0.5, 'rmse@test': 0.6, mae: 0.2 }, 3));
    expect(error.message).toMatch(/^Invalid metric name "rmse@test".*Nothing was logged\.$/);
    await nothingStored(port, run);
    expect(await port.metricHistory(run.id, 'rmse')).toEqual([]);
  });

  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
    hostile('names', `${key} as a param, metric and tag key`, { guards: 'data' }, async () => {
      const { tr, port, run } = await started();
      await tr.logParams({ [key]: 'p', other: 'o' });
      await tr.logMetric(key, 2, 0);
      await tr.logMetric(key, 1, 1);
      await tr.setTags({ [key]: 't' });
      const stored = (await port.run(run.id))!;
      expect(Object.getPrototypeOf(stored.params)).toBe(Object.prototype);
      expect(Object.entries(stored.params)).toEqual([
        [key, 'p'],
        ['other', 'o'],
      ]);
      expect(Object.getOwnPropertyDescriptor(stored.metrics, key)?.value).toMatchObject({
        value: 1,
        step: 1,
        min: 1,
        max: 2,
      });
      expect(Object.getOwnPropertyDescriptor(stored.tags, key)?.value).toBe('t');
      expect((await port.metricHistory(run.id, key)).map((p) => p.value)).toEqual([2, 1]);
    });

  for (const name of ['__proto__', 'constructor', '', '<img src=x onerror=alert(1)>', 'a\nb'])
    hostile('names', `a run named ${JSON.stringify(name)}`, { guards: 'data' }, async () => {
      const { port, run } = await started(name);
      expect((await port.run(run.id))!.name).toBe(name);
    });

  hostile('names', 'a run name of 10 MB', { guards: 'availability' }, async () => {
    const port = memoryTrackingPort();
    const tr = new Tracker(port);
    const error = await refusal(tr.startRun({ name: 'n'.repeat(10_000_000) }));
    expect(error.message).toMatch(/run name is 10,000,000 characters; MLflow keeps at most 8,000/);
    expect(await port.runs()).toEqual([]);
  });

  for (const value of [Infinity, -Infinity])
    hostile('names', `a metric value of ${value}`, { guards: 'data' }, async () => {
      const { tr, port, run } = await started();
      await tr.logMetric('loss', value, 0);
      expect((await port.metricHistory(run.id, 'loss'))[0]?.value).toBe(value);
    });

  hostile('names', 'a metric value of NaN', { guards: 'clarity' }, async () => {
    const { tr, port, run } = await started();
    expect((await refusal(tr.logMetric('loss', Number.NaN, 0))).message).toMatch(
      /"loss" must be a number; got NaN/,
    );
    await nothingStored(port, run);
  });

  for (const step of [0.5, Number.NaN, Infinity, 2 ** 53, 1e21])
    hostile('names', `a metric step of ${step}`, { guards: 'data' }, async () => {
      const { tr, port, run } = await started();
      const error = await refusal(tr.logMetric('loss', 1, step));
      expect(error.code).toBe('bad-step');
      expect(error.message).toMatch(/step must be a whole number/);
      await nothingStored(port, run);
    });

  hostile('names', 'negative and large whole steps', { guards: 'data' }, async () => {
    const { tr, port, run } = await started();
    await tr.logMetric('loss', 1, -5);
    await tr.logMetric('loss', 2, Number.MAX_SAFE_INTEGER);
    expect((await port.metricHistory(run.id, 'loss')).map((p) => p.step)).toEqual([
      -5,
      Number.MAX_SAFE_INTEGER,
    ]);
  });

  for (const path of ['../escape.txt', 'a/../../b.txt', '/etc/passwd', 'a//b.txt', 'c:\\x.txt'])
    hostile(
      'names',
      `an artifact path ${JSON.stringify(path)}`,
      { guards: 'security' },
      async () => {
        const { tr, port, run } = await started();
        const error = await refusal(tr.logArtifact(path, 'x'));
        expect(error.code).toBe('bad-path');
        expect(error.message).toContain(JSON.stringify(path));
        await nothingStored(port, run);
      },
    );

  hostile('names', 'a tag value of 10 MB', { guards: 'availability' }, async () => {
    const { tr, port, run } = await started();
    const error = await refusal(tr.setTags({ model: 'ridge', note: 'x'.repeat(10_000_000) }));
    expect(error.message).toMatch(/tag "note" is 10,000,000 characters.*logArtifact/);
    await nothingStored(port, run);
  });

  hostile(
    'names',
    'an exported run whose stored keys MLflow refuses (saved by an older Labbook)',
    { guards: 'data' },
    async () => {
      const { tr, port, run } = await started();
      await tr.endRun();
      const stored = (await port.run(run.id))!;
      await port.putRun({
        ...stored,
        params: { 'model:kind': 'ridge', model_kind: 'lasso' },
        tags: { 'note#1': 'n' },
      });
      const files = unzipSync(await exportMlflowZip(port));
      const dir = `mlruns/1/${run.id}`;
      expect(strFromU8(files[`${dir}/params/model_kind`]!)).toBe('lasso');
      expect(strFromU8(files[`${dir}/params/model_kind_2`]!)).toBe('ridge');
      expect(strFromU8(files[`${dir}/tags/note_1`]!)).toBe('n');
      const readme = strFromU8(files['README.md']!);
      expect(readme).toContain('param "model:kind" → "model_kind_2"');
      expect(readme).toContain('tag "note#1" → "note_1"');
    },
  );

  hostile(
    'names',
    'an exported run name with quotes, newlines and control characters',
    { guards: 'data' },
    async () => {
      const name = `'; rm -rf / #\n"x"\u0000\u0007\u2028`;
      const { tr, port, run } = await started(name);
      await tr.endRun();
      const files = unzipSync(await exportMlflowZip(port));
      expect(parse(strFromU8(files[`mlruns/1/${run.id}/meta.yaml`]!)).run_name).toBe(name);
      expect(strFromU8(files[`mlruns/1/${run.id}/tags/mlflow.runName`]!)).toBe(name);
    },
  );

  for (const [what, value] of [
    ['undefined', undefined],
    ['a function', () => 1],
    ['a BigInt', 10n],
    [
      'an object that contains itself',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
  ] as const)
    hostile('names', `a param value that is ${what}`, { guards: 'data' }, async () => {
      const { tr, port, run } = await started();
      const error = await refusal(tr.logParams({ alpha: 1, odd: value }));
      expect(error.code).toBe('bad-value');
      expect(error.message).toMatch(
        /^Parameter "odd" must be text, a number, a boolean or JSON data/,
      );
      await nothingStored(port, run);
    });

  for (const name of ['', ' ', 'x'.repeat(501)])
    hostile(
      'names',
      `an experiment named ${JSON.stringify(name.slice(0, 8))} (${name.length} characters)`,
      { guards: 'clarity' },
      async () => {
        const port = memoryTrackingPort();
        const error = await refusal(new Tracker(port).setExperiment(name));
        expect(error.message).toMatch(
          /experiment name .* non-empty text of at most 500 characters/,
        );
        expect(await port.experiments()).toEqual([]);
      },
    );
});
