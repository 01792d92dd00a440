import { describe, expect, it } from 'vitest';
import { createCiService } from '../../../src/lib/ci/ci-service';
import { ModelRegistry, memoryRegistryPort } from '../../../src/lib/registry';
import { ciAliasGate } from '../../../src/lib/ci/gates';
import { DeploymentControl } from '../../../src/lib/serving/control';
import { useNodeServices } from '../lab/node-services';
import { ciProject, PROJECT } from './project-fixture';

const CODE = {
  'src/mean.js':
    'export function mean(xs) {\n  return xs.reduce((a, b) => a + b, 0) / xs.length;\n}\n',
  'src/mean.test.js':
    "import { mean } from './mean.js';\ntest('mean', () => {\n  expect(mean([1, 2, 3])).to.equal(2);\n});\n",
};
const CI = `name: ci
on:
  push:
    branches: [main, 'feature/*']
  workflow_dispatch:
    inputs:
      note: { description: a note, default: none }
jobs:
  lint:
    steps:
      - uses: actions/checkout@v4
      - uses: labbook/lint@v1
  test:
    needs: lint
    outputs:
      passed: \${{ steps.t.outputs.passed }}
    steps:
      - id: t
        run: labbook test
  summary:
    needs: [lint, test]
    if: always()
    steps:
      - run: |
          echo "tests passed: \${{ needs.test.outputs.passed }}, note \${{ inputs.note }}"
          echo "result=\${{ needs.test.result }}" >> $GITHUB_OUTPUT
`;

function setup(extra: Partial<Parameters<typeof createCiService>[0]> = {}) {
  const project = ciProject();
  const ci = createCiService({
    port: project.runs,
    filesAt: project.filesAt,
    services: {},
    ...extra,
  });
  return { project, ci };
}

describe('running workflows on a project', () => {
  it('a push runs lint → test → summary through lintProject and runProjectTests, and stores the run', async () => {
    const { project, ci } = setup();
    await project.init();
    const sha = await project.commit({ ...CODE, '.github/workflows/ci.yml': CI });
    const started = await ci.push(PROJECT, 'main', sha);
    expect(started.problems).toEqual([]);
    const [run] = await started.finished;
    expect(run).toMatchObject({ status: 'success', workflow: 'ci', event: { name: 'push', sha } });
    const job = (key: string) => run!.jobs.find((j) => j.key === key)!;
    expect(job('lint').steps[1]!.log.at(-1)).toBe('2 files linted: 0 errors, 0 warnings.');
    expect(job('test').steps[0]!.log).toContain('✓ src/mean.test.js › mean');
    expect(job('test').outputs).toEqual({ passed: '1' });
    expect(job('summary').steps[0]!.log).toContain('tests passed: 1, note '); // no inputs on a push
    expect(job('summary').steps[0]!.outputs).toEqual({ result: 'success' });
    expect(await project.runs.run(run!.id)).toEqual(run);
    // A branch no filter names runs nothing.
    expect((await ci.push(PROJECT, 'experiment', sha)).runs).toEqual([]);
  });

  it('a lint error fails its job, skips what needs it, and always() still runs', async () => {
    const { project, ci } = setup();
    await project.init();
    const sha = await project.commit({
      ...CODE,
      'src/bad.js': 'export const x = y == 1;\n',
      '.github/workflows/ci.yml': CI,
    });
    const [run] = await (await ci.push(PROJECT, 'main', sha)).finished;
    expect(run!.status).toBe('failure');
    const lint = run!.jobs.find((j) => j.key === 'lint')!;
    expect(lint.status).toBe('failure');
    expect(lint.steps[1]!.log.join('\n')).toMatch(/src\/bad\.js:1:18 error no-undef/);
    expect(run!.jobs.find((j) => j.key === 'test')!.status).toBe('skipped');
    expect(run!.jobs.find((j) => j.key === 'summary')!.steps[0]!.outputs).toEqual({
      result: 'skipped',
    });
  });

  it('the step sees the commit, not later uncommitted edits', async () => {
    const { project, ci } = setup();
    await project.init();
    const sha = await project.commit({ ...CODE, '.github/workflows/ci.yml': CI });
    await project.put({ 'src/mean.js': 'export const mean = () => 0;\n' });
    const [run] = await (await ci.push(PROJECT, 'main', sha)).finished;
    expect(run!.status).toBe('success');
  });

  it('dispatch takes declared inputs only, and a matrix runs one job per combination', async () => {
    const { project, ci } = setup();
    await project.init();
    const matrix = `on: workflow_dispatch
jobs:
  grid:
    strategy:
      matrix:
        alpha: [0.1, 1]
        fold: [1, 2]
    steps:
      - run: echo "a=\${{ matrix.alpha }} f=\${{ matrix.fold }}"
`;
    const sha = await project.commit({
      ...CODE,
      '.github/workflows/ci.yml': CI,
      '.github/workflows/grid.yml': matrix,
    });
    await expect(
      ci.dispatch(PROJECT, 'ci', { branch: 'main', sha }, { nope: '1' }),
    ).rejects.toThrow(/takes no input "nope"/);
    await expect(ci.dispatch(PROJECT, 'cii', { branch: 'main', sha })).rejects.toThrow(
      /Did you mean "ci"\?/,
    );
    const [run] = await (await ci.dispatch(PROJECT, 'grid', { branch: 'main', sha })).finished;
    expect(run!.jobs.map((j) => [j.key, j.steps[0]!.log[1]])).toEqual([
      ['grid (0.1, 1)', 'a=0.1 f=1'],
      ['grid (0.1, 2)', 'a=0.1 f=2'],
      ['grid (1, 1)', 'a=1 f=1'],
      ['grid (1, 2)', 'a=1 f=2'],
    ]);
  });

  it('stops a step at its limit and reports the others; cancel stops a run', async () => {
    const { project, ci } = setup();
    await project.init();
    const slow = `on: workflow_dispatch
jobs:
  slow:
    steps:
      - run: labbook test
        timeout-minutes: 0.005
      - if: always()
        run: echo after
  other:
    steps:
      - run: echo independent
`;
    const sha = await project.commit({
      'slow.test.js':
        "test('waits', async () => { await new Promise((r) => setTimeout(r, 1500)); });\n",
      '.github/workflows/slow.yml': slow,
    });
    const started = performance.now();
    const [run] = await (await ci.dispatch(PROJECT, 'slow', { branch: 'main', sha })).finished;
    expect(performance.now() - started).toBeLessThan(1200);
    const job = run!.jobs.find((j) => j.key === 'slow')!;
    expect(job.steps[0]).toMatchObject({
      status: 'timed-out',
      error: expect.stringContaining('longer than its limit of 0.3 s'),
    });
    expect(job.steps[1]!.log).toEqual(['$ echo after', 'after']);
    expect(run!.jobs.find((j) => j.key === 'other')!.status).toBe('success');
    expect(run!.status).toBe('failure');

    const again = await ci.rerun(run!.id);
    ci.cancel(again.runs[0]!.id);
    const [cancelled] = await again.finished;
    expect(cancelled).toMatchObject({ status: 'cancelled', rerunOf: run!.id });
    expect((await project.runs.run(cancelled!.id))!.status).toBe('cancelled');
  });

  it('the schedule fires on the simulated clock; an alert starts a repository_dispatch workflow', async () => {
    const start = Date.UTC(2026, 0, 1, 0, 0);
    const { project, ci } = setup({ now: () => start });
    await project.init();
    const ct = `on:
  schedule:
    - cron: '0 3 * * *'
  repository_dispatch:
    types: [alert]
jobs:
  retrain:
    steps:
      - run: echo "\${{ github.event_name }} \${{ github.event.client_payload.reason }}"
`;
    const sha = await project.commit({ '.github/workflows/ct.yml': ct });
    const at = { branch: 'main', sha };
    const day = await ci.advanceClock(PROJECT, 2 * 86_400_000, at);
    const runs = await day.finished;
    expect(runs.map((r) => r.event)).toMatchObject([
      { name: 'schedule', at: start + 3 * 3_600_000 },
      { name: 'schedule', at: start + 27 * 3_600_000 },
    ]);
    const [alerted] = await (await ci.alert(PROJECT, 'alert', at, { reason: 'drift' })).finished;
    expect(alerted!.jobs[0]!.steps[0]!.log[1]).toBe('repository_dispatch drift');
    expect((await ci.alert(PROJECT, 'other', at)).runs).toEqual([]);
  });
});

describe('branch protection and the champion gate', () => {
  it('refuses a merge into main while the required workflow is red, and allows it once green', async () => {
    const { project, ci } = setup();
    await project.init();
    await project.commit({ ...CODE, '.github/workflows/ci.yml': CI });
    await ci.setProtection(PROJECT, { branch: 'main', requiredWorkflows: ['ci'] });
    const { unwrap } = await import('../../../src/lib/project/git/settled');
    unwrap(await project.git.createBranch(PROJECT, 'feature/x'));
    unwrap(await project.git.checkout(PROJECT, 'feature/x'));
    const red = await project.commit({
      'src/mean.js': 'export function mean() {\n  return 0;\n}\n',
    });
    await (
      await ci.push(PROJECT, 'feature/x', red)
    ).finished;
    unwrap(await project.git.checkout(PROJECT, 'main'));
    const refused = await project.git.merge(PROJECT, 'feature/x');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'protected',
        message: expect.stringContaining('the required workflow "ci" is red (failure) on it'),
      },
    });
    unwrap(await project.git.checkout(PROJECT, 'feature/x'));
    const green = await project.commit({ 'src/mean.js': CODE['src/mean.js'] });
    const notRun = await project.git
      .checkout(PROJECT, 'main')
      .then(() => project.git.merge(PROJECT, 'feature/x'));
    expect(notRun).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('has not run on it') },
    });
    await (
      await ci.push(PROJECT, 'feature/x', green)
    ).finished;
    expect(await project.git.merge(PROJECT, 'feature/x')).toMatchObject({
      ok: true,
      value: { kind: 'fast-forward' },
    });
  });

  it('a red workflow that trained a model keeps it from becoming champion; green lets it', async () => {
    const node = useNodeServices();
    const project = ciProject();
    const port = memoryRegistryPort(ciAliasGate(project.runs));
    const registry = new ModelRegistry(port, node.tracking);
    const pipeline = { catalog: node.catalog, tracking: node.tracking, registry: port };
    const ci = createCiService({
      port: project.runs,
      filesAt: project.filesAt,
      services: { registry, pipeline },
    });
    await project.init();
    const workflow = () => `on: push
jobs:
  train:
    outputs:
      model: \${{ steps.p.outputs.model-uri }}
    steps:
      - id: p
        run: labbook pipeline run config.yml
  gate:
    needs: train
    steps:
      - run: labbook model test \${{ needs.train.outputs.model }} --tests model-tests.yml
      - run: labbook alias \${{ needs.train.outputs.model }} champion
`;
    const files = (min: number) => ({
      'config.yml':
        'name: d\nrandom_state: 1\ndata: { dataset: diabetes, split: course }\nfeatures: { target: target, passthrough: [bmi, bp, ltg] }\nmodel: { kind: linear }\nmetrics: [rmse, r2]\nregister: { name: diabetes }\n',
      'model-tests.yml': `- { kind: minimum, name: in range, expect: { min: ${min} } }\n`,
      '.github/workflows/ct.yml': workflow(),
    });
    const red = await project.commit(files(10_000));
    const [failed] = await (await ci.push(PROJECT, 'main', red)).finished;
    expect(failed!.status).toBe('failure');
    expect(failed!.vouched).toEqual([{ name: 'diabetes', version: 1 }]);
    expect(failed!.reports[0]!.markdown).toMatch(/\| rmse \| /);
    // The model tests are rerun by hand to pass, yet the red workflow still keeps the gate shut.
    await registry.testVersion('models:/diabetes/1', [
      { kind: 'minimum', name: 'any', expect: { min: -1e9 } },
    ]);
    await expect(registry.setAlias('diabetes', 'champion', 1)).rejects.toThrow(
      /cannot become "champion": its workflow "ct" .* is failure/,
    );
    const green = await project.commit(files(0));
    const [passed] = await (await ci.push(PROJECT, 'main', green)).finished;
    expect(passed!.jobs.map((j) => j.status)).toEqual(['success', 'success']);
    expect((await registry.getModel('diabetes')).aliases).toEqual({ champion: 2 });
  });

  it('register and deploy go through the registry and the serving control', async () => {
    const node = useNodeServices();
    const project = ciProject();
    const registry = new ModelRegistry(node.registry, node.tracking);
    const serving = new DeploymentControl({ port: node.serving, registry });
    const pipeline = { catalog: node.catalog, tracking: node.tracking, registry: node.registry };
    const ci = createCiService({
      port: project.runs,
      filesAt: project.filesAt,
      services: { registry, pipeline, serving },
    });
    await project.init();
    const sha = await project.commit({
      'config.yml':
        'name: d\nrandom_state: 1\ndata: { dataset: diabetes, split: course }\nfeatures: { target: target, passthrough: [bmi, bp] }\nmodel: { kind: linear }\nmetrics: [rmse]\n',
      '.github/workflows/cd.yml': `on: push
jobs:
  cd:
    steps:
      - id: p
        run: labbook pipeline run config.yml
      - id: r
        run: labbook register \${{ steps.p.outputs.run-id }} --name diabetes-cd
      - run: labbook deploy diabetes-api --model diabetes-cd --version \${{ steps.r.outputs.version }}
`,
    });
    const [run] = await (await ci.push(PROJECT, 'main', sha)).finished;
    expect(run!.jobs[0]!.steps.map((s) => s.status)).toEqual(['success', 'success', 'success']);
    expect(run!.vouched).toEqual([{ name: 'diabetes-cd', version: 1 }]);
    expect((await serving.endpoint('diabetes-api')).model).toBe('diabetes-cd');
    expect(run!.jobs[0]!.steps[2]!.log).toContain(
      'Endpoint "diabetes-api" serves diabetes-cd version 1.',
    );
  });
});
