import { describe, expect } from 'vitest';
import { createCiService } from '../../src/lib/ci/ci-service';
import { createKernelRuntime } from '../../src/lib/kernel/runtime';
import { ModelRegistry } from '../../src/lib/registry';
import { DeploymentControl } from '../../src/lib/serving/control';
import { useNodeServices } from '../unit/lab/node-services';
import { ciProject, PROJECT } from '../unit/ci/project-fixture';
import { hostile } from './hostile';

const CONFIG =
  'name: d\nrandom_state: 1\ndata: { dataset: diabetes, split: { test_size: 0.25 } }\nfeatures: { target: target, passthrough: [bmi, bp] }\nmodel: { kind: linear }\nmetrics: [rmse]\n';

/** A project whose workflow is started by an alert; the payload fills `--canary` and `--dataset`. */
async function alerted(payload: Record<string, string>) {
  const node = useNodeServices();
  const project = ciProject();
  const registry = new ModelRegistry(node.registry, node.tracking);
  const serving = new DeploymentControl({ port: node.serving, registry });
  const ci = createCiService({
    port: project.runs,
    filesAt: project.filesAt,
    services: {
      registry,
      serving,
      pipeline: { catalog: node.catalog, tracking: node.tracking, registry: node.registry },
    },
  });
  await project.init();
  const sha = await project.commit({
    'config.yml': CONFIG,
    '.github/workflows/cd.yml': `on: push
jobs:
  cd:
    steps:
      - id: p
        run: labbook pipeline run config.yml
      - id: r
        run: labbook register \${{ steps.p.outputs.run-id }} --name m
      - run: labbook deploy trips --model m --version \${{ steps.r.outputs.version }}
`,
    '.github/workflows/ct.yml': `on:
  repository_dispatch:
    types: [drift]
jobs:
  ct:
    steps:
      - id: p
        run: labbook pipeline run config.yml --dataset \${{ github.event.client_payload.dataset }}
      - id: r
        run: labbook register \${{ steps.p.outputs.run-id }} --name m
      - run: labbook deploy trips --model m --version \${{ steps.r.outputs.version }} --canary \${{ github.event.client_payload.share }}
`,
  });
  await (
    await ci.push(PROJECT, 'main', sha)
  ).finished;
  const [run] = await (await ci.alert(PROJECT, 'drift', { branch: 'main', sha }, payload)).finished;
  return { run: run!, serving, registry };
}

describe('CD/CT commands fed by an alert payload', () => {
  for (const share of ['NaN', '0', '100', '-5', '1e309', '10%', '10 --model other'])
    hostile(
      'workflows',
      `--canary "${share}"`,
      { guards: 'clarity', timeout: 20_000 },
      async () => {
        const { run, serving } = await alerted({ dataset: 'diabetes', share });
        const deploy = run.jobs[0]!.steps[2]!;
        expect(deploy.status).toBe('failure');
        expect(deploy.error).toContain(`--canary: "${share}" is not a share between 0 and 100`);
        // The endpoint keeps serving what it served: a refused canary changes nothing.
        expect((await serving.endpoint('trips')).deployment).toEqual({
          strategy: 'single',
          version: 1,
        });
      },
    );

  for (const dataset of ['__proto__', '../../datasets/diabetes', 'v-'.padEnd(5000, 'x')])
    hostile(
      'workflows',
      `--dataset "${dataset.slice(0, 30)}"`,
      { guards: 'data', timeout: 20_000 },
      async () => {
        const { run, registry } = await alerted({ dataset, share: '10' });
        const train = run.jobs[0]!.steps[0]!;
        expect(train.status).toBe('failure');
        expect(train.error).toMatch(/No dataset|No version|is not a dataset name or version id/);
        expect(train.error!.length).toBeLessThan(2000);
        // Nothing trained, nothing registered beyond the push's version.
        expect((await registry.versions('m')).map((v) => v.version)).toEqual([1]);
      },
    );
});

describe('p.lint and p.explain in a cell', () => {
  hostile(
    'containers',
    'a 5 MB Dockerfile written from a cell',
    { guards: 'availability' },
    async () => {
      useNodeServices();
      const kernel = createKernelRuntime();
      await kernel.reset();
      const started = performance.now();
      const { status, outputs } = await kernel.run(
        'c',
        `const p = await lab.project.create('huge', { 'Dockerfile': 'RUN echo hello \\\\\\n'.repeat(320000) });
const found = (await p.lint()).objects();
[found.length, found[0].rule, found[0].message.slice(0, 12), (await p.explain()).numRows()].join('|');`,
        () => undefined,
      );
      expect(status).toBe('ok');
      expect((outputs.at(-1) as { text?: string }).text).toBe('1||Not checked:|0');
      expect(performance.now() - started).toBeLessThan(10_000);
    },
  );
});
