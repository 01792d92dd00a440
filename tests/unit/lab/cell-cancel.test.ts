import { beforeEach, expect, it } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';
import { PROGRESS, type ProgressOutputData } from '../../../src/lib/lab/live-progress';
import type { LabServices } from '../../../src/lib/lab/services';
import { requestStop } from '../../../src/lib/tracking/stop-requests';
import { createGitService } from '../../../src/lib/project/git/service';
import { unwrap } from '../../../src/lib/project/git/settled';
import { useNodeServices } from './node-services';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { openStore } from '../../../src/lib/store';
import { dexieDataPort } from '../../../src/lib/store/data-port';
import { DataCatalog } from '../../../src/lib/data/catalog';

/*
 * Cancel on a cell's bar, heard by the kernel (a stop request on the BroadcastChannel, as the
 * button sends it): the work stops, the cell gets an error value, the kernel keeps its variables
 * and nothing more is stored after the cancel.
 */

type Rich = Extract<Output, { type: 'rich' }>;
const bars = (outputs: Output[]) =>
  outputs
    .filter((o): o is Rich => o.type === 'rich' && o.kind === PROGRESS)
    .map((o) => o.data as ProgressOutputData);

let services: LabServices;
let kernel: KernelRuntime;

beforeEach(async () => {
  services = useNodeServices();
  kernel = createKernelRuntime();
  kernel.setLesson('cancel-test');
  await kernel.reset();
  await kernel.run('before', 'const x = 41 + 1;', () => {});
});

/** Runs `source` as a cell and presses its bar's Cancel once `ready` says so. */
async function runAndCancel(source: string, ready: (bar: ProgressOutputData) => boolean) {
  const streamed: Output[] = [];
  let pressed = false;
  const press = (async () => {
    for (;;) {
      const bar = bars(streamed).at(-1);
      if (bar?.cancel && ready(bar)) {
        pressed = true;
        return requestStop(bar.cancel.channel);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const result = await kernel.run('long', source, (o) => streamed.push(o));
  expect(
    pressed,
    `the bar was never shown with a Cancel: ${JSON.stringify(result.outputs).slice(0, 400)}`,
  ).toBe(true);
  await press;
  const error = result.outputs.find((o) => o.type === 'error') as { message: string } | undefined;
  const last = bars(result.outputs).at(-1);
  return { status: result.status, message: error?.message ?? '', bar: last };
}

async function expectKernelAlive() {
  const result = await kernel.run('after', 'x', () => {});
  expect(result.outputs).toContainEqual(expect.objectContaining({ type: 'value', text: '42' }));
}

const doneOf = (bar: ProgressOutputData) => bar.progress.samples.at(-1)?.done ?? 0;

/** A pipeline config: an MLP on the course's diabetes split, slow or quick by its epochs. */
const diabetesMlp = (name: string, model: string, metric: string) => `name: ${name}
random_state: 42
data:
  dataset: diabetes
  split: course
features:
  target: target
  scale: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model:
  kind: mlp
  ${model}
metrics: [${metric}]`;

const MLP = diabetesMlp('cancel-sweep', 'hidden: [8]\n  epochs: 400\n  batch_size: 8', 'mse');

it('cancels a sweep between trials: finished runs kept, the running one KILLED, the rest never started, the kernel alive', async () => {
  const { status, message, bar } = await runAndCancel(
    `await lab.pipeline.sweep(\`${MLP}\`, { grid: { 'model.hidden': [[8], [9], [10], [11], [12]] } })`,
    (b) => doneOf(b) >= 1,
  );
  expect(status).toBe('error');
  const match = message.match(
    /^Cancelled by you after (\d) of 5 trials: (\d) finished runs? kept, (\d) unfinished runs? marked KILLED, (\d) trials? not started\. The kernel and your variables are intact\.$/,
  );
  expect(match, message).not.toBeNull();
  const [, done, finished, killed, notStarted] = match!.map(Number);
  expect(finished).toBe(done);
  expect(done! + killed! + notStarted!).toBe(5);
  expect(notStarted).toBeGreaterThan(0);
  expect(bar).toMatchObject({ status: 'stopped', cancel: null });
  const runs = await services.tracking.runs();
  expect(runs.filter((r) => r.status === 'FINISHED')).toHaveLength(finished!);
  expect(runs.filter((r) => r.status === 'KILLED')).toHaveLength(killed!);
  expect(runs.filter((r) => r.status === 'RUNNING')).toHaveLength(0);
  // Nothing runs on after the cancel: no run appears or changes later.
  const before = JSON.stringify(await services.tracking.runs());
  await new Promise((r) => setTimeout(r, 300));
  expect(JSON.stringify(await services.tracking.runs())).toBe(before);
  await expectKernelAlive();
}, 120_000);

/** A table big enough (8 columns × 2 × 150,000 rows) that its drift bar shows at once. */
const BIG = `const big = (shift) => aq.table(Object.fromEntries(
  Array.from({ length: 8 }, (_, c) => [
    'c' + c,
    Float64Array.from({ length: 150000 }, (_, i) => Math.sin(i * (c + 1)) + shift),
  ]),
));
const reference = big(0);
const current = big(0.01);`;

it('cancels a drift test over big tables: no report, the bar stopped part-way, the kernel alive', async () => {
  await kernel.run('tables', BIG, () => {});
  const { status, message, bar } = await runAndCancel(
    'await lab.monitoring.drift(reference, current)',
    () => true,
  );
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after [0-7] of 8 columns: no report was made\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({ status: 'stopped', cancel: null });
  expect(bar!.title).toBe('Drift: 8 columns, 150,000 reference and 150,000 current rows');
  await expectKernelAlive();
}, 60_000);

it('shows no bar for a drift test that ends within a second, and the same report as before', async () => {
  const outputs: Output[] = [];
  const result = await kernel.run(
    'small',
    "(await lab.monitoring.drift('diabetes', 'diabetes')).numberOfDriftedColumns",
    (o) => outputs.push(o),
  );
  expect(result.outputs).toContainEqual(expect.objectContaining({ type: 'value', text: '0' }));
  expect(bars([...outputs, ...result.outputs])).toEqual([]);
});

it('cancels a traffic replay: the requests already sent stay logged, no more are sent', async () => {
  const setup = `const { train } = await lab.ml.courseSplit();
const run = await lab.tracking.startRun();
await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'linear' }));
await lab.tracking.endRun();
const v = await lab.registry.registerModel('runs:/' + run.id + '/model', 'cancel-model');
await lab.serving.deploy('cancel-ep', { model: 'cancel-model', strategy: 'single', version: v.version });`;
  const ready = await kernel.run('setup', setup, () => {});
  expect(ready.status).toBe('ok');
  const { status, message, bar } = await runAndCancel(
    "await lab.serving.simulate('cancel-ep', { dataset: 'diabetes', rate: 100, requests: 1000 })",
    (b) => doneOf(b) >= 20,
  );
  expect(status).toBe('error');
  const match = message.match(
    /^Cancelled by you after ([\d,]+) of 1,000 requests: the (\d+) requests sent were answered and are in the request log \(0 labelled\); no more will be sent, and labels still due were dropped\. The kernel and your variables are intact\.$/,
  );
  expect(match, message).not.toBeNull();
  const sent = Number(match![2]);
  expect(sent).toBeGreaterThanOrEqual(20);
  expect(sent).toBeLessThan(1000);
  expect(bar).toMatchObject({ status: 'stopped', title: expect.stringMatching(/^Traffic to/) });
  expect(await services.serving.requests('cancel-ep')).toHaveLength(sent);
  await new Promise((r) => setTimeout(r, 300));
  expect(await services.serving.requests('cancel-ep')).toHaveLength(sent);
  await expectKernelAlive();
}, 60_000);

it('cancels a partitioned job over a big file: no result, the parts left are not run', async () => {
  const { status, message, bar } = await runAndCancel(
    // 54 MB (51.5 MiB), over the 50 MiB from which the bar shows at once.
    `const file = new Blob(['a,b\\n' + '1,2\\n'.repeat(13_500_000)]);
await lab.bigdata.scan(file).count().collect({ parts: 48 })`,
    () => true,
  );
  expect(status).toBe('error');
  const match = message.match(
    /^Cancelled by you after (\d+) of 48 parts: the workers were stopped and no result was kept\. The kernel and your variables are intact\.$/,
  );
  expect(match, message).not.toBeNull();
  expect(Number(match![1])).toBeLessThan(48);
  expect(bar).toMatchObject({
    status: 'stopped',
    cancel: null,
    title: 'count rows over 51.5 MB in 48 parts',
  });
  await expectKernelAlive();
}, 60_000);

it('cancels the first import of a shipped dataset: no version stored, the next load starts again', async () => {
  const { status, message, bar } = await runAndCancel(
    "const taxi = await lab.data.load('nyc-taxi');",
    () => true,
  );
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after [\d,]+ of 100,000 rows: nothing was stored; lab\.data\.load\('nyc-taxi'\) imports it again from the start\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({
    status: 'stopped',
    title: 'Importing nyc-taxi (datasets/nyc-taxi/nyc-taxi-sample-100k.csv.gz)',
  });
  expect(await services.catalog.versions('nyc-taxi')).toEqual([]);
  await expectKernelAlive();
  const again = await kernel.run('again', "(await lab.data.load('nyc-taxi')).numRows()", () => {});
  expect(again.outputs).toContainEqual(expect.objectContaining({ type: 'value', text: '100000' }));
  expect(await services.catalog.versions('nyc-taxi')).toHaveLength(1);
}, 60_000);

it('cancels a diff of two big tables between steps: no result, the kernel alive', async () => {
  const loaded = await kernel.run(
    'load',
    "const taxi = await lab.data.load('nyc-taxi');\nconst short = taxi.filter((d) => d.trip_duration < 3600);",
    () => {},
  );
  expect(loaded.status).toBe('ok');
  const { status, message, bar } = await runAndCancel(
    'const d = await lab.data.diff(taxi, short);',
    (b) => doneOf(b) >= 3,
  );
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after \d+ of \d+ steps: no result was made\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({
    status: 'stopped',
    title: expect.stringMatching(/^Diff of 100,000 and [\d,]+ rows$/),
  });
  await expectKernelAlive();
}, 60_000);

it('shows a summary of a big table as a bar of columns, ended done with a row per column', async () => {
  await kernel.run('load', "const taxi = await lab.data.load('nyc-taxi');", () => {});
  const outputs: Output[] = [];
  const result = await kernel.run(
    'summary',
    "const s = await lab.data.summary(taxi);\ns.numRows() + ' ' + s.get('median', s.numRows() - 1)",
    (o) => outputs.push(o),
  );
  const shown = bars(outputs);
  const columns = Number(shown[0]!.progress.total);
  expect(shown[0]!.title).toBe(`Summary of ${columns} columns, 100,000 rows`);
  expect(shown.at(-1)).toMatchObject({ status: 'done', cancel: null });
  expect(doneOf(shown.at(-1)!)).toBe(columns);
  expect(result.outputs).toContainEqual(
    expect.objectContaining({
      type: 'value',
      text: expect.stringMatching(new RegExp(`^${columns} `)),
    }),
  );
}, 60_000);

it('cancels the CI runs a push started: stored as cancelled, the steps after never run', async () => {
  const workflow = `name: slow
on:
  push:
    branches: [main]
jobs:
  test:
    steps:
      - run: labbook test
      - run: labbook test
      - run: labbook test
`;
  const slowTest = "test('slow', async () => { await new Promise((r) => setTimeout(r, 800)); });";
  const created = await kernel.run(
    'project',
    `await lab.project.create('slow-ci', { 'a.test.js': ${JSON.stringify(slowTest)}, '.github/workflows/ci.yml': ${JSON.stringify(workflow)} });`,
    () => {},
  );
  expect(created.status).toBe('ok');
  const projectId = services.projects.active()!;
  const git = createGitService(services.projects.port, {
    readAuthor: async () => ({ name: 'Ada', email: 'ada@example.org' }),
    writeAuthor: async () => undefined,
    requireConventional: async () => false,
  });
  unwrap(await git.init(projectId));
  unwrap(await git.stage(projectId, ['a.test.js', '.github/workflows/ci.yml']));
  unwrap(await git.commit(projectId, 'feat: slow ci'));

  const { status, message, bar } = await runAndCancel('await lab.ci.push()', () => true);
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after [0-2] of 3 steps: 1 of 1 run cancelled and stored as cancelled \(the table above\)\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({ status: 'stopped', title: 'CI: slow' });
  // The store, read after a while: the run cancelled, its last step never succeeded.
  await new Promise((r) => setTimeout(r, 1000));
  const stored = await kernel.run(
    'stored',
    "(await lab.ci.runs()).map((r) => r.status + ' ' + r.jobs[0].steps.map((s) => s.status).join('/')).join()",
    () => {},
  );
  expect(stored.outputs).toContainEqual(
    expect.objectContaining({
      type: 'value',
      text: expect.stringMatching(
        /^cancelled (success\/)*cancelled(\/(cancelled|skipped|queued))*$/,
      ),
    }),
  );
  await expectKernelAlive();
}, 60_000);

it('a sweep lane that dies mid-trial: its run is FAILED with the reason (not left RUNNING), the other trials finish', async () => {
  const inProcess = services.pipelineLanes;
  services.pipelineLanes = {
    size: 1,
    open() {
      const lane = inProcess.open();
      return {
        ...lane,
        // Trial 2's worker starts its run, then dies (as an out-of-memory worker does).
        run: async (config, options) => {
          if (options.tags?.['sweep.trial'] !== '2') return lane.run(config, options);
          await services.tracking.putRun({
            id: 'crashed-run',
            experimentId: '0',
            name: config.name,
            status: 'RUNNING',
            startTime: Date.now(),
            endTime: null,
            source: {},
            params: {},
            tags: { ...options.tags },
            metrics: {},
            deletedAt: null,
          });
          throw new Error('A sweep worker crashed (out of memory).');
        },
      };
    },
  };
  const result = await kernel.run(
    'sweep',
    `(await lab.pipeline.sweep(\`${MLP.replace('epochs: 400', 'epochs: 5')}\`, { grid: { 'model.hidden': [[8], [9], [10]] } })).array('error').join('|')`,
    () => {},
  );
  expect(result.outputs).toContainEqual(
    expect.objectContaining({ type: 'value', text: '|A sweep worker crashed (out of memory).|' }),
  );
  const crashed = await services.tracking.run('crashed-run');
  expect(crashed).toMatchObject({
    status: 'FAILED',
    tags: expect.objectContaining({ error: 'A sweep worker crashed (out of memory).' }),
  });
  expect(crashed!.endTime).not.toBeNull();
  const runs = await services.tracking.runs();
  expect(runs.filter((r) => r.status === 'FINISHED')).toHaveLength(2);
  expect(runs.filter((r) => r.status === 'RUNNING')).toHaveLength(0);
}, 60_000);

it('cancels a slow DuckDB query between slices of its work: rolled back, the tables kept, the kernel alive', async () => {
  const outputs: Output[] = [];
  const made = await kernel.run(
    'keep',
    "await lab.duck.sql('CREATE OR REPLACE TABLE keep AS SELECT range AS v FROM range(10)');",
    (o) => outputs.push(o),
  );
  expect(made.status).toBe('ok');
  // Quick work leaves no bar behind.
  expect(bars([...outputs, ...made.outputs])).toEqual([]);
  const { status, message, bar } = await runAndCancel(
    "await lab.duck.sql('CREATE TABLE slow AS SELECT sum(a.range * b.range) AS s FROM range(400000000) a, range(5) b')",
    () => true,
  );
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after \d+ s: the query was stopped before it finished; DuckDB rolled it back, so your DuckDB tables and files are as they were\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({
    status: 'stopped',
    cancel: null,
    title: 'DuckDB: CREATE TABLE slow AS SELECT sum(a.range * b.range) AS s FROM range(4000…',
  });
  const after = await kernel.run(
    'after-duck',
    "const n = Number((await lab.duck.sql('SELECT count(*) AS n FROM keep')).get('n', 0));\nlet slow = 'none'; try { await lab.duck.sql('SELECT * FROM slow'); slow = 'exists'; } catch (e) { slow = e.code; }\nn + ' ' + slow",
    () => {},
  );
  expect(after.outputs).toContainEqual(expect.objectContaining({ type: 'value', text: '10 sql' }));
  await expectKernelAlive();
}, 60_000);

it('cancels a big lab.data.save between chunks: no version and no chunk stored, the kernel alive', async () => {
  // The real IndexedDB port (over fake-indexeddb): its one transaction is what a cancel undoes.
  const db = await openStore({ indexedDB: new IDBFactory(), IDBKeyRange });
  services.catalog = new DataCatalog({
    port: dexieDataPort(db),
    openShipped: () => Promise.reject(new Error('no shipped data in this test')),
  });
  // 1.2 M rows × 16 columns: 154 MB encoded, stored as 5 chunks of 240,000 rows' bytes.
  const made = await kernel.run(
    'table',
    `const wide = aq.table(Object.fromEntries(Array.from({ length: 16 }, (_, c) => ['c' + c, Float64Array.from({ length: 1200000 }, (_, i) => i * (c + 1))])));`,
    () => {},
  );
  expect(made.status).toBe('ok');
  const { status, message, bar } = await runAndCancel(
    "await lab.data.save('wide', wide)",
    (b) => doneOf(b) >= 1,
  );
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after (240,000|480,000|720,000|960,000) of 1,200,000 rows: nothing was stored \(no version of "wide", no partial data\); save it again to store it\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({
    status: 'stopped',
    cancel: null,
    title: 'Saving wide: 1,200,000 rows × 16 columns',
  });
  expect(await services.catalog.versions('wide')).toEqual([]);
  expect(await db.datasetChunks.count()).toBe(0);
  expect(await db.datasets.count()).toBe(0);
  await expectKernelAlive();
  const small = await kernel.run(
    'small',
    "(await lab.data.save('small', aq.table({ a: [1, 2, 3] }))).rowCount",
    () => {},
  );
  expect(small.outputs).toContainEqual(expect.objectContaining({ type: 'value', text: '3' }));
  expect(await db.datasetChunks.count()).toBe(1);
  db.close();
}, 120_000);

/** A linear model served on `name`, with `requests` of diabetes traffic (labelled at once). */
const served = (
  name: string,
  requests: number,
  dataset = "'diabetes'",
) => `const { train, test } = await lab.ml.courseSplit();
const dataVersion = lab.data.versionOf(await lab.data.load('diabetes')).id;
const run = await lab.tracking.startRun({ tags: { 'dataset.version': dataVersion } });
await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'linear' }));
await lab.tracking.endRun();
const before = await lab.registry.registerModel('runs:/' + run.id + '/model', '${name}-model', { inputExample: test.slice(0, 3).select(aq.not('target')) });
await lab.registry.testModel('models:/${name}-model/' + before.version, [{ kind: 'directional', name: 'bmi raises', feature: 'bmi', delta: 1, expect: 'increase' }]);
await lab.registry.setAlias('${name}-model', 'champion', before.version);
await lab.serving.deploy('${name}', { model: '${name}-model', strategy: 'single', version: before.version });
const since = Date.now();
await lab.serving.simulate('${name}', { dataset: ${dataset}, rate: 2000, requests: ${requests}, labelDelayMs: 0, users: ${requests} });`;

it('cancels monitoring between windows: the windows checked shown with their alerts, the rest not checked, the kernel alive', async () => {
  const setup = await kernel.run('serve', served('mon', 1500), () => {});
  expect(setup.status, JSON.stringify(setup.outputs).slice(0, 400)).toBe('ok');
  const { status, message, bar } = await runAndCancel(
    "const m = await lab.monitoring.monitor('mon', { windowSize: 50, step: 1 });",
    (b) => doneOf(b) >= 20,
  );
  expect(status).toBe('error');
  const match = message.match(
    /^Cancelled by you after ([\d,]+) of 1,451 windows: the ([\d,]+) windows checked, with their (\d+) alerts?, are in the table above; the other ([\d,]+) windows were not checked; the request log is unchanged\. The kernel and your variables are intact\.$/,
  );
  expect(match, message).not.toBeNull();
  const [checked, notChecked] = [match![2]!, match![4]!].map((n) => Number(n.replace(/,/g, '')));
  expect(checked).toBeGreaterThanOrEqual(20);
  expect(checked! + notChecked!).toBe(1451);
  expect(bar).toMatchObject({
    status: 'stopped',
    cancel: null,
    title: 'Monitoring "mon": 1,451 windows of 50 requests',
  });
  await expectKernelAlive();
}, 120_000);

const RETRAIN = diabetesMlp(
  'cancel-retrain',
  'hidden: [64, 64]\n  epochs: 1000\n  batch_size: 2',
  'mae',
);

it('cancels continuous training while it retrains: the recent data kept, the run KILLED (none RUNNING), no version registered, the stable still served', async () => {
  const setup = await kernel.run(
    'serve',
    `const treated = await lab.monitoring.scenario('diabetes', { scenario: 'concept', seed: 60 });\n${served('loop', 300, 'treated.ref')}`,
    () => {},
  );
  expect(setup.status, JSON.stringify(setup.outputs).slice(0, 400)).toBe('ok');
  const { status, message, bar } = await runAndCancel(
    `await lab.monitoring.closeLoop('loop', { config: \`${RETRAIN}\`, since, windowSize: 100, traffic: { dataset: treated.ref, requests: 400, labelDelayMs: 50 } })`,
    (b) => doneOf(b) >= 4,
  );
  expect(status).toBe('error');
  expect(message).toMatch(
    /^Cancelled by you after \d+ of \d+ steps: the steps done are in the chart above; the recent data loop-recent@v-\w+ is stored; the retraining run is marked KILLED and registered no version\. The kernel and your variables are intact\.$/,
  );
  expect(bar).toMatchObject({
    status: 'stopped',
    cancel: null,
    title: 'Closing the loop on "loop"',
  });
  const runs = await services.tracking.runs();
  expect(runs.filter((r) => r.status === 'RUNNING')).toHaveLength(0);
  expect(runs.filter((r) => r.status === 'KILLED')).toHaveLength(1);
  const versions = await kernel.run(
    'versions',
    "(await lab.registry.versions('loop-model')).numRows() + ' ' + JSON.stringify((await lab.serving.endpoint('loop')).deployment)",
    () => {},
  );
  expect(versions.outputs).toContainEqual(
    expect.objectContaining({ text: '1 {"strategy":"single","version":1}' }),
  );
  await expectKernelAlive();
}, 180_000);
