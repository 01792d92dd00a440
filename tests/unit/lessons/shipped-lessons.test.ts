import { beforeAll, describe, expect, it } from 'vitest';
import { checkAll, formatLessonError, type Lesson } from '../../../src/lib/lessons';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';
import { useNodeServices } from '../lab/node-services';

/** A correct answer for each shipped exercise: the check must pass on it and fail on the starter. */
const SOLUTIONS: Record<string, string> = {
  'which-drifted':
    "const { A: mystery } = await lab.monitoring.mystery('diabetes', { kinds: ['covariate'], strength: 0.8, mode: 'gradual' });\nconst r = await lab.monitoring.drift('diabetes', mystery.ref, { columns: features });\nconst driftedFeatures = r.columns.filter((c) => c.drifted).map((c) => c.column);",
  'kind-of-drift':
    "const mysteries = await lab.monitoring.mystery('diabetes', { kinds: ['covariate', 'label', 'concept'] });\nconst kinds = {};\nfor (const [name, m] of Object.entries(mysteries)) {\n  const r = await lab.monitoring.drift('diabetes', m.ref, { columns: [...features, 'target'] });\n  const inputs = r.columns.filter((c) => c.column !== 'target');\n  const target = r.columns.find((c) => c.column === 'target');\n  kinds[name] = inputs.every((c) => !c.drifted) ? 'concept' : inputs.every((c) => target.pValue < c.pValue) ? 'label' : 'covariate';\n}",
  'psi-threshold':
    'const sorted = [...controls].sort((a, b) => a - b);\nconst psiThreshold = (sorted[18] + (await psiOf(weak.ref))) / 2;',
  'alert-rules':
    'const maes = now.reports.slice(0, 6).map((w) => w.performance.mae / now.referenceMae);\nconst rules = { datasetDrift: false, predictionDrift: false, maeRatio: (Math.max(...maes.slice(0, 4)) + Math.min(...maes.slice(4))) / 2 };',
  'when-to-retrain':
    "const retrainAt = now.reports.find((w) => w.alerts.some((a) => a.kind === 'performance')).index;",
  'bad-canary':
    "const champion = loop.version;\nconst from = Date.now();\nawait lab.serving.deploy('diabetes-loop', { strategy: 'canary', stable: champion, canary: before.version, percent: 10, rollback: { maxLabelErrorRatio: 1.1, minRequests: 20 } });\nawait lab.serving.simulate('diabetes-loop', { dataset: treated.ref, rate: 400, requests: 300, labelDelayMs: 100, users: 300 });\nconst labelled = (await lab.serving.requests('diabetes-loop', {}, 1000)).objects().filter((r) => r.at.getTime() >= from && r.label !== null);\nconst mae = (version) => { const rs = labelled.filter((r) => r.version === version); return rs.reduce((s, r) => s + Math.abs(r.prediction - r.label), 0) / rs.length; };\nif ((await lab.serving.endpoint('diabetes-loop')).deployment.strategy === 'canary' && mae(before.version) > mae(champion))\n  await lab.serving.rollback('diabetes-loop', 'worse on labelled requests');",
  'loop-trigger':
    "const older = await lab.monitoring.scenario('diabetes', { scenario: 'covariate', seed: 61 });\nconst from = Date.now();\nawait lab.serving.simulate('diabetes-loop', { dataset: older.ref, rate: 400, requests: 200, labelDelayMs: 50, users: 200 });\nconst triggers = ['performance'];\nconst quiet = await lab.monitoring.closeLoop('diabetes-loop', { config: loopYaml, since: from, windowSize: 100, triggers, traffic: { dataset: older.ref } });",
  'fix-request':
    'const visit = { age: 59, sex: 2, bmi: 32.1, bp: 101, tc: 157, ldl: 93.2, hdl: 38, tch: 4, ltg: 4.8598, glu: 87 };',
  'api-vs-model':
    "const res = await fetch('api/v1/models/diabetes/invocations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dataframe_records: test.slice(0, 10).select(aq.not('target')).objects() }) });\nconst apiPredictions = (await res.json()).predictions;",
  'wait-for-job':
    "async function waitForJob(id) {\n  for (;;) {\n    const job = await (await fetch(`api/v1/jobs/${id}`)).json();\n    if (job.status === 'done' || job.status === 'failed') return job;\n    await new Promise((r) => setTimeout(r, 20));\n  }\n}",
  'batch-mae':
    "const t = await lab.data.load(scored.dataset.id);\nconst batchMae = lab.ml.metrics.mae(t.array('target'), t.array('prediction'));",
  'safe-canary':
    "await lab.serving.deploy('diabetes-rollout', { strategy: 'canary', stable: versions.ols, canary: versions.worse, percent: 5, rollback: { maxLabelErrorRatio: 1.2, minRequests: 10 } });\nconst trial = await lab.serving.simulate('diabetes-rollout', { dataset: 'diabetes', rate: 250, requests: 1000, labelDelayMs: 200, users: 500 });",
  'auto-ramp-size':
    "const autoAdvance = 30;\nawait lab.serving.deploy('diabetes-ramp', { strategy: 'canary', stable: versions.ols, canary: versions.ridge, percent: 10, plan: [10, 25, 50, 100], autoAdvance });\nawait lab.serving.simulate('diabetes-ramp', { dataset: 'diabetes', rate: 300, requests: 600, users: 500 });",
  'shadow-decision':
    "const log = (await lab.serving.requests('diabetes-rollout', {}, 100000)).objects();\nconst shadow = log.filter((r) => r.shadow_of !== null);\nconst ok = shadow.filter((r) => r.status === 200 && r.disagreement !== null);\nconst champ = log.filter((r) => r.shadow_of === null && r.variant === 'champion' && r.status === 200);\nconst disagreement = ok.reduce((a, r) => a + r.disagreement, 0) / ok.length;\nconst answer = champ.reduce((a, r) => a + r.prediction, 0) / champ.length;\nconst decision = ok.length === shadow.length && disagreement < tolerance * answer ? 'promote' : 'keep';\nif (decision === 'promote') await lab.serving.promote('diabetes-rollout');",
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
      'serving-api',
      'serving-patterns',
      'deployment-strategies',
      'data-and-concept-drift',
      'monitoring-in-production',
      'closing-the-loop',
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
  }, 400_000);
});
