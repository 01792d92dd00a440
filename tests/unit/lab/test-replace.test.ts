import { beforeEach, describe, expect, test } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { Output } from '../../../src/lib/kernel/outputs';
import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';
import { projectSource } from '../../../src/lib/project/modules';
import { fileRow } from '../project/file-row';
import '../../../src/lib/lab/project-tests';

const decoder = new TextDecoder();
let kernel: KernelRuntime;
let storage: MemoryProjectStorage;

async function write(path: string, text: string) {
  await storage.writeFiles('p', { put: [fileRow('p', path, text)] });
}

const run = async (source: string): Promise<Output[]> =>
  (await kernel.run('c', source, () => {})).outputs;

beforeEach(async () => {
  kernel = createKernelRuntime();
  await kernel.reset();
  storage = new MemoryProjectStorage();
  await write('src/features.js', 'export const double = (x) => 2 * x;');
  await write(
    'tests/features.test.js',
    "import { double } from '../src/features.js';\ntest('doubles', () => expect(double(2)).to.equal(4));",
  );
  kernel.useProject(projectSource(storage, 'p'));
});

describe('lab.test.run({ replace })', () => {
  test('runs the suite against the replaced file, this run only, and stores nothing', async () => {
    const outputs = await run(
      "const mutant = await lab.test.run({ replace: { 'src/features.js': 'export const double = (x) => 2 + x;' } });\n" +
        'const real = await lab.test.run();\n[mutant.summary.failed, real.summary.passed]',
    );
    // 2 + 2 === 2 * 2, so this mutant survives: the suite needs a second input to catch it.
    expect(outputs.at(-1)).toEqual({ type: 'value', text: '[0, 1]' });
    const caught = await run(
      "(await lab.test.run({ replace: { 'src/features.js': 'export const double = (x) => 3 * x;' } })).summary.failed",
    );
    expect(caught.at(-1)).toEqual({ type: 'value', text: '1' });
    const stored = await storage.getFile('p', 'src/features.js');
    expect(decoder.decode(stored!.bytes)).toBe('export const double = (x) => 2 * x;');
  });

  test('a replaced path is normalised, and may add a file the suite imports', async () => {
    const outputs = await run(
      "(await lab.test.run({ replace: { './src/extra.js': 'export const x = 1;', 'tests/extra.test.js': \"import { x } from '../src/extra.js';\\ntest('x', () => expect(x).to.equal(1));\" } })).summary.passed",
    );
    expect(outputs.at(-1)).toEqual({ type: 'value', text: '2' });
  });

  test.each([
    ["{ replace: 'src/features.js' }", /replace must be an object of path → text/],
    ["{ replace: ['x'] }", /replace must be an object of path → text/],
    [
      "{ replace: { 'src/features.js': 42 } }",
      /replace\["src\/features\.js"\] must be the file's text; got number/,
    ],
    ["{ replace: { '../outside.js': 'x' } }", /replace: .*outside/i],
    ["{ replace: { '/etc/passwd': 'x' } }", /replace: "\/etc\/passwd" is an absolute path/],
  ])('refuses %s with what to pass instead', async (options, message) => {
    const [bad] = await run(`await lab.test.run(${options})`);
    expect(bad).toMatchObject({ type: 'error', message: expect.stringMatching(message) });
  });

  test('lab.test.mutate() shows how many mutants the suite caught, and which survived', async () => {
    const outputs = await run(
      "const m = await lab.test.mutate([{ name: 'plus', file: 'src/features.js', find: '2 * x', replace: '2 + x' }, { name: 'times', file: 'src/features.js', find: '2 * x', replace: '3 * x' }]);\nm.mutants.map((r) => r.status)",
    );
    expect(outputs[0]).toEqual({ type: 'value', text: '1 of 2 mutants caught' });
    expect(outputs.map((o) => o.type)).toEqual(['value', 'table', 'value']);
    expect(outputs.at(-1)).toEqual({ type: 'value', text: '["survived", "caught"]' });
    const [refused] = await run(
      "await lab.test.mutate([{ name: 'x', file: 'src/features.js', text: '' }], { replace: {} })",
    );
    expect(refused).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/leave out the replace option/),
    });
  });
});
