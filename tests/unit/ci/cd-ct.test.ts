import { describe, expect, it } from 'vitest';
import { createCiService } from '../../../src/lib/ci/ci-service';
import { createLab } from '../../../src/lib/lab';
import { ModelRegistry } from '../../../src/lib/registry';
import { DeploymentControl } from '../../../src/lib/serving/control';
import { useNodeServices } from '../lab/node-services';
import { ciProject, PROJECT } from './project-fixture';

const CONFIG =
  'name: d\nrandom_state: 1\ndata: { dataset: diabetes, split: { test_size: 0.25 } }\nfeatures: { target: target, passthrough: [bmi, bp] }\nmodel: { kind: linear }\nmetrics: [rmse]\n';

const CD = `on: push
jobs:
  cd:
    steps:
      - id: p
        run: labbook pipeline run config.yml
      - id: r
        run: labbook register \${{ steps.p.outputs.run-id }} --name taxi
      - run: labbook deploy trips --model taxi --version \${{ steps.r.outputs.version }}
`;

/** Continuous training: the alert's payload names the recent data; the new version goes out as a canary. */
const CT = `on:
  repository_dispatch:
    types: [drift]
jobs:
  ct:
    steps:
      - id: p
        run: labbook pipeline run config.yml --dataset \${{ github.event.client_payload.dataset }}
      - id: r
        run: labbook register \${{ steps.p.outputs.run-id }} --name taxi
      - run: labbook deploy trips --model taxi --version \${{ steps.r.outputs.version }} --canary \${{ github.event.client_payload.share }}
`;

async function setup() {
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
  return { node, project, serving, ci };
}

describe('CD and CT workflows', () => {
  it('an alert retrains on the data it names and ships the new version as a canary beside the served one', async () => {
    const { node, project, serving, ci } = await setup();
    const sha = await project.commit({
      'config.yml': CONFIG,
      '.github/workflows/cd.yml': CD,
      '.github/workflows/ct.yml': CT,
    });
    const [cd] = await (await ci.push(PROJECT, 'main', sha)).finished;
    expect(cd!.status).toBe('success');
    expect((await serving.endpoint('trips')).deployment).toEqual({
      strategy: 'single',
      version: 1,
    });

    // New data, as the recent labelled requests would be: a seeded concept-drift version.
    const lab = createLab({ display() {} }) as {
      monitoring: { scenario(s: string, o: object): Promise<{ ref: string }> };
    };
    const recent = {
      id: (await lab.monitoring.scenario('diabetes', { scenario: 'concept', seed: 3 })).ref,
    };
    const head = { branch: 'main', sha };
    const [ct] = await (
      await ci.alert(PROJECT, 'drift', head, { dataset: recent.id, share: '20' })
    ).finished;
    expect(ct!.status).toBe('success');
    const steps = ct!.jobs[0]!.steps;
    expect(steps[0]!.log).toContain(`data: ${recent.id} instead of diabetes (--dataset).`);
    const run = (await node.tracking.run(steps[0]!.outputs['run-id']!))!;
    expect(run.tags['dataset.version']).toBe(recent.id);
    expect((await serving.endpoint('trips')).deployment).toMatchObject({
      strategy: 'canary',
      stable: 1,
      canary: 2,
      percent: 20,
    });
    expect(steps[2]!.log).toContain(
      'Endpoint "trips": canary taxi version 2 at 20 % beside version 1.',
    );
  });

  it('refuses a canary with no served version beside it, or a share that is not one', async () => {
    const { project, ci } = await setup();
    const canaryOnly = (share: string) =>
      `on: push\njobs:\n  cd:\n    steps:\n      - id: p\n        run: labbook pipeline run config.yml\n      - id: r\n        run: labbook register \${{ steps.p.outputs.run-id }} --name taxi\n      - run: labbook deploy trips --model taxi --version \${{ steps.r.outputs.version }} --canary ${share}\n`;
    const first = await project.commit({
      'config.yml': CONFIG,
      '.github/workflows/cd.yml': canaryOnly('10'),
    });
    const [none] = await (await ci.push(PROJECT, 'main', first)).finished;
    expect(none!.status).toBe('failure');
    expect(none!.jobs[0]!.steps[2]!.error).toMatch(/No endpoint "trips"/);
    const second = await project.commit({ '.github/workflows/cd.yml': canaryOnly('150') });
    const [big] = await (await ci.push(PROJECT, 'main', second)).finished;
    expect(big!.jobs[0]!.steps[2]!.error).toMatch(
      /--canary: "150" is not a share between 0 and 100/,
    );
  });

  it('a pipeline step that times out stops its pipeline: nothing is registered behind the red run', async () => {
    const { node, project, ci } = await setup();
    const sha = await project.commit({
      'config.yml':
        'name: t\nrandom_state: 1\ndata: { dataset: nyc-taxi, split: { test_size: 0.3 } }\nfeatures: { recipe: taxi, target: trip_duration, target_transform: log1p, scale: [hour] }\nmodel: { kind: ridge, alpha: 1 }\nmetrics: [rmsle]\nregister: { name: slow }\n',
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  train:\n    steps:\n      - run: labbook pipeline run config.yml\n        timeout-minutes: 0.001\n',
    });
    const [run] = await (await ci.push(PROJECT, 'main', sha)).finished;
    expect(run!.jobs[0]!.steps[0]!.status).toBe('timed-out');
    // The pipeline goes on only to its next step boundary, then ends as stopped.
    const settled = async () => (await node.tracking.runs()).every((r) => r.status !== 'RUNNING');
    await expect.poll(settled, { timeout: 20_000, interval: 100 }).toBe(true);
    const [tracked] = await node.tracking.runs();
    expect(tracked!.status).toBe('KILLED');
    expect(tracked!.tags['stop.reason']).toMatch(/longer than its limit/);
    expect(await node.registry.versions('slow')).toEqual([]);
  }, 30_000);
});
