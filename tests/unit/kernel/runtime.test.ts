import { beforeEach, describe, expect, it } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';

let kernel: KernelRuntime;
const run = async (source: string, id = 'c') => {
  const streamed: Output[] = [];
  const result = await kernel.run(id, source, (o) => streamed.push(o));
  return { ...result, streamed };
};

beforeEach(async () => {
  kernel = createKernelRuntime();
  await kernel.reset();
});

describe('kernel runtime', () => {
  it('shares one scope across cells, like a Jupyter kernel, and allows re-running', async () => {
    await run('const a = 2; let { b, c: [d] } = { b: 3, c: [4] };');
    await run('function twice(x) { return 2 * x }\nclass Box { constructor(v) { this.v = v } }');
    const { outputs } = await run('twice(a + b + d) + new Box(1).v');
    expect(outputs).toEqual([{ type: 'value', text: '19' }]);
    expect((await run('const a = 10; a')).outputs).toEqual([{ type: 'value', text: '10' }]);
  });

  it('shows the last expression, awaits at top level, and captures console output', async () => {
    const { outputs, streamed } = await run(
      'console.log("hi", 1);\nconst v = await Promise.resolve(5);\nv * 2;',
    );
    expect(outputs).toEqual([
      { type: 'stream', name: 'stdout', text: 'hi 1' },
      { type: 'value', text: '10' },
    ]);
    expect(streamed).toEqual(outputs);
  });

  it('reports runtime errors with the line in the cell', async () => {
    const { status, outputs } = await run('const x = 1;\n\nnull.boom;');
    expect(status).toBe('error');
    expect(outputs[0]).toMatchObject({ type: 'error', name: 'TypeError', line: 3 });
  });

  it('reports syntax errors with line and column, and refuses export', async () => {
    expect((await run('const = 1')).outputs[0]).toMatchObject({
      name: 'SyntaxError',
      line: 1,
      column: 7,
    });
    expect((await run('1;\nexport const a = 1')).outputs[0]).toMatchObject({
      name: 'SyntaxError',
      line: 2,
    });
  });

  it('imports bundled libraries and explains what cannot be imported', async () => {
    expect((await run("import * as aq2 from 'arquero';\ntypeof aq2.table")).outputs[0]).toEqual({
      type: 'value',
      text: 'function',
    });
    const { outputs } = await run("import x from 'left-pad'");
    expect(outputs[0]).toMatchObject({
      type: 'error',
      message: expect.stringContaining('arquero'),
    });
  });

  it('returns arquero tables as pages that can be turned', async () => {
    const { outputs } = await run('aq.table({ n: Array.from({ length: 25 }, (_, i) => i) })');
    const table = outputs[0];
    if (table?.type !== 'table') throw new Error('expected a table');
    expect(table).toMatchObject({ total: 25, offset: 0, columns: [{ name: 'n', type: 'number' }] });
    expect(table.rows).toHaveLength(10);
    expect(kernel.tablePage(table.ref, 20, 10).rows).toEqual([[20], [21], [22], [23], [24]]);
  });

  it('renders Observable Plot charts in the worker as SVG', async () => {
    const { outputs } = await run(
      "Plot.dot([{x: 1, y: 2}, {x: 2, y: 3}], { x: 'x', y: 'y' }).plot()",
    );
    expect(outputs[0]).toMatchObject({ type: 'plot', html: expect.stringContaining('<svg') });
  });

  it('loads TensorFlow.js only when a cell uses tf', async () => {
    expect(kernel.completions()).not.toContain('tf');
    const { outputs } = await run(
      "await tf.setBackend('cpu');\ntf.tensor([1, 2, 3]).sum().dataSync()[0]",
    );
    expect(outputs).toEqual([{ type: 'value', text: '6' }]);
  }, 60_000);

  describe('exercise checks', () => {
    beforeEach(async () => {
      await run('const answer = 42;');
    });
    it.each([
      ['passes on true or nothing', 'return answer === 42;', true, 'Well done'],
      ['fails with the hint on false', 'return answer === 1;', false, 'HINT'],
      [
        'fails with expect()',
        "expect(answer === 1, 'answer should be 1');",
        false,
        'answer should be 1',
      ],
      ['takes an explicit result', "return { pass: false, message: 'close' };", false, 'close'],
      ['reports a broken check', 'return missingName;', false, 'The check itself raised'],
    ])('%s', async (_name, source, pass, message) => {
      const result = await kernel.check('ex', source, 'HINT');
      expect(result.pass).toBe(pass);
      expect(result.message).toContain(message);
    });
  });
});
