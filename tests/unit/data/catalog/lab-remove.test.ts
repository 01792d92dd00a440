import { expect, it } from 'vitest';
import { createLab } from '../../../../src/lib/lab';
import { useNodeServices } from '../../lab/node-services';

interface DataApi {
  save(name: string, table: unknown): Promise<{ id: string }>;
  load(ref: string): Promise<{ numRows(): number }>;
  remove(ref: string): Promise<{ numRows(): number; array(c: string): unknown[] }>;
}

it('lab.data.remove takes one name away and keeps the data the other name uses', async () => {
  useNodeServices();
  const lab = createLab({ display() {} }) as { data: DataApi };
  const aq = await import('arquero');
  const t = aq.table({ x: [1, 2, 3] });
  const a = await lab.data.save('a', t);
  const b = await lab.data.save('b', t);
  expect(b.id).toBe(a.id);
  const removed = await lab.data.remove('a');
  expect(removed.array('name')).toEqual(['a']);
  expect((await lab.data.load('b')).numRows()).toBe(3);
  await expect(lab.data.load('a')).rejects.toThrow(/No dataset "a"/);
  await expect(lab.data.remove('a')).rejects.toThrow('No stored dataset "a" to remove.');
});
