import { beforeAll, describe, expect, it } from 'vitest';
import { checkAll, formatLessonError, type Lesson } from '../../../src/lib/lessons';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';
import { useNodeServices } from '../lab/node-services';

/** A correct answer for each shipped exercise: the check must pass on it and fail on the starter. */
const SOLUTIONS: Record<string, string> = {
  'longest-trip': "const longest = trips.rollup({ m: aq.op.max('minutes') }).get('m', 0);",
  'rush-hour':
    "const morning = trips.filter((d) => d.hour >= 7 && d.hour <= 9);\nconst morningMean = morning.rollup({ m: aq.op.mean('minutes') }).get('m', 0);",
  'data-share':
    "const dataShare = log.filter((d) => d.phase === 'business-data-understanding' || d.phase === 'data-engineering').rollup({ w: aq.op.sum('weeks') }).get('w', 0) / log.rollup({ w: aq.op.sum('weeks') }).get('w', 0);",
  loops:
    "const orders = log.join(phases, 'phase').orderby('step').array('order');\nlet goesBack = 0;\nfor (let i = 1; i < orders.length; i++) if (orders[i] < orders[i - 1]) goesBack++;",
  levels:
    "const myLevels = { 'training in a notebook, run by hand': 0, 'a trained model file handed over to the engineers': 0, 'retraining triggered automatically by new data': 1, 'automatic data validation before training': 1, 'a metadata store for runs, parameters and models': 1, 'tests and builds of the pipeline code on every commit': 2, 'automatic deployment of new pipeline versions': 2 };",
  'sql-high-risk':
    "const highRisk = (await db.query('SELECT COUNT(*) AS n FROM train WHERE target > 200 AND bp > 100')).get('n', 0);",
  'nosql-seniors': "const seniorIds = patients.update({ senior: true }, where('age').gte(65));",
  'zero-passengers':
    'const zeroShare = taxi.filter((d) => d.passenger_count === 0).numRows() / taxi.numRows();',
  'taxi-suite':
    "const taxiSuite = lab.data.suite('taxi-clean').expectColumnValuesToBeBetween('passenger_count', 1, 6).expectColumnValuesToBeBetween('trip_duration', 60, 86400);\nconst taxiReport = await lab.data.validate(taxi, taxiSuite);",
  'night-version':
    "const nightVersion = await lab.data.save('taxi-night', clean.filter((d) => op.utchours(d.pickup_datetime) < 5), { from: clean, transform: 'filter' });",
  'big-weekday':
    "const bigGroups = await lab.bigdata.scan(file).filter('passenger_count', '>=', 5).groupCount('pickup_datetime', 'weekday').collect();",
  'best-run':
    "const [bestRun] = await lab.tracking.findRuns(\"params.model = 'ridge'\", ['metrics.test_mse ASC']);\nconst bestRidgeId = bestRun.id;",
  'beat-baseline':
    "await lab.tracking.startRun({ name: 'mine', tags: { mine: 'yes' } });\nawait lab.tracking.logMetrics({ test_mse: lab.ml.fit(train, { target: 'target', model: 'ridge', alpha: 0.1, scale: true }).evaluate(test).mse });\nawait lab.tracking.endRun();",
  'crown-champion':
    "let best;\nfor (const version of Object.values(versionOf)) {\n  const v = await lab.registry.getVersion(`models:/diabetes-progression/${version}`);\n  const mse = (await lab.tracking.getRun(v.runId)).metrics.test_mse.value;\n  if (v.tests.passed && (!best || mse < best.mse)) best = { version, mse };\n}\nawait lab.registry.setAlias('diabetes-progression', 'champion', best.version);",
  'champion-rmse':
    "const championRmse = (await lab.registry.loadModel('models:/diabetes-progression@champion')).evaluate(test).rmse;",
  'own-test':
    "const myTests = [{ kind: 'directional', name: 'higher ltg, more progression', feature: 'ltg', delta: 0.1, expect: 'increase' }];",
  'beat-baseline-10':
    "await lab.pipeline.run(courseYaml.replace('scale: [abnormal_period, hour]', 'scale: [abnormal_period, hour, log_distance_haversine]'));",
  'fix-config':
    "const fixedYaml = courseYaml.replace('kind: ridge', 'kind: lasso').replace('alpha: 1', 'alpha: 0.001');",
};

let lessons: Lesson[];
beforeAll(() => {
  const result = checkAll(readLessonFiles('lessons'));
  expect(result.errors.map(formatLessonError)).toEqual([]);
  lessons = result.lessons;
});

describe('shipped lessons', () => {
  it('parse with no errors, in folder order, each with an exercise', () => {
    expect(lessons.map((l) => l.meta.id)).toEqual([
      'how-this-notebook-works',
      'ml-lifecycle',
      'databases-for-ml',
      'explore-and-validate',
      'data-versioning',
      'big-data',
      'experiment-tracking',
      'model-registry',
      'training-pipeline',
    ]);
    expect(lessons.every((l) => l.meta.exercises > 0)).toBe(true);
  });

  it('run top to bottom in the kernel; checks fail on the starter code and pass on a solution', async () => {
    for (const lesson of lessons) {
      useNodeServices();
      const kernel = createKernelRuntime();
      await kernel.reset();
      const run = async (id: string, source: string) => {
        const result = await kernel.run(id, source, () => {});
        const errors = result.outputs.filter((o) => o.type === 'error');
        expect(errors, `${lesson.meta.id} / ${id}`).toEqual([]);
      };
      for (const block of lesson.blocks.filter((b) => b.kind === 'setup'))
        await run(block.id, block.source);
      for (const block of lesson.blocks) {
        if (block.kind === 'code') await run(block.id, block.source);
        if (block.kind !== 'exercise') continue;
        await run(block.id, block.source);
        const starter = await kernel.check(block.id, block.check, block.hint);
        expect(starter.pass, `${block.id} starter`).toBe(false);
        expect(starter.message, `${block.id} starter`).not.toMatch(/check itself raised/);
        expect(SOLUTIONS[block.id], `a solution for ${block.id} in this test`).toBeDefined();
        await run(block.id, SOLUTIONS[block.id]!);
        expect(await kernel.check(block.id, block.check, block.hint)).toMatchObject({ pass: true });
      }
    }
  }, 120_000);
});
