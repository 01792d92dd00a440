import { expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { useNodeServices } from './node-services';

it('lab.data.summary shows every statistic, and datetimes as times', async () => {
  useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const { outputs } = await kernel.run(
    'c',
    "const s = await lab.data.summary(aq.table({ id: ['a', 'b'], x: [1, 3], t: [new Date(Date.UTC(2016, 0, 1)), new Date(Date.UTC(2016, 0, 3))] }));\ns.objects()",
    () => undefined,
  );
  expect(outputs).toHaveLength(1);
  const text = (outputs[0] as { text: string }).text;
  expect(text).toContain('mean: 2');
  expect(text).toContain('mean: "2016-01-02 00:00:00"');
  expect(text).toContain('std: "1.4 days"');
  expect(text).toContain('unique: 2');
});
