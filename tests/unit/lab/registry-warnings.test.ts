import { expect, it } from 'vitest';
import type { Output } from '../../../src/lib/kernel/outputs';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { useNodeServices } from './node-services';

it("shows a loaded version's warning (no pinned versions) under the cell, and none for a pinned one", async () => {
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const cell = async (source: string) => {
    const { status, outputs } = await kernel.run('c', source, () => undefined);
    expect(status).toBe('ok');
    return outputs as (Output & { name?: string; text?: string })[];
  };
  await cell(`const { train } = await lab.ml.courseSplit();
const run = await lab.tracking.startRun({ name: 'ols' });
await lab.tracking.logModel(lab.ml.fit(train, { target: 'target', model: 'linear' }));
await lab.tracking.endRun();
await lab.registry.registerModel(\`runs:/\${run.id}/model\`, 'pinless');`);
  const pinned = await cell("(await lab.registry.loadModel('models:/pinless/1')).kind");
  expect(pinned.filter((o) => o.name === 'stderr')).toEqual([]);

  // A version registered before pins were recorded, as an old workspace brings it.
  const { pins: _, ...old } = (await services.registry.version('pinless', 1))!;
  await services.registry.putVersion(old);
  const outputs = await cell("(await lab.registry.loadModel('models:/pinless/1')).kind");
  expect(outputs.filter((o) => o.name === 'stderr').map((o) => o.text)).toEqual([
    expect.stringMatching(
      /^models:\/pinless\/1 has no pinned versions .*Re-register it to pin them\.$/,
    ),
  ]);
  expect(outputs.at(-1)!.text).toBe('linear');
});
