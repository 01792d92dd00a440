import { unzipSync, strFromU8 } from 'fflate';
import { expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';
import { useNodeServices } from '../lab/node-services';

it('lab.export.python in a cell gives the project as a download, its files readable', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const cell = async (source: string) => {
    const result = await kernel.run('c', source, () => undefined);
    if (result.status !== 'ok') throw new Error(JSON.stringify(result.outputs));
    return result.outputs.at(-1) as Output;
  };
  await cell(`const r = await lab.pipeline.run(\`
name: diabetes-ols
random_state: 42
data: { dataset: diabetes, split: course }
features:
  target: target
  passthrough: [age, sex, bmi, bp, tc, ldl, hdl, tch, ltg, glu]
model: { kind: linear }
register: { name: diabetes-progression }
\`);`);
  const out = await cell(
    `const project = await lab.export.python('models:/diabetes-progression/1'); project`,
  );
  expect(out).toMatchObject({
    type: 'rich',
    kind: 'download',
    data: { name: 'diabetes-progression-1-python.zip' },
  });
  const bytes = (out as { data: { bytes: Uint8Array } }).data.bytes;
  const zip = unzipSync(bytes);
  expect(Object.keys(zip)).toContain('diabetes-progression-1-python/train.py');
  expect(strFromU8(zip['diabetes-progression-1-python/params.yaml']!)).toMatch(/kind: linear/);
  const files = await cell(`Object.keys(project.files).length`);
  expect(files).toEqual({ type: 'value', text: '26' });
  const refused = await kernel.run('d', `await lab.export.python('no-such-run')`, () => undefined);
  expect(refused.status).toBe('error');
  expect(refused.outputs.at(-1)).toMatchObject({
    name: 'ExportError',
    message: expect.stringMatching(/no run "no-such-run"/),
  });
}, 120_000);
