import { beforeEach, describe, expect, test } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../../../src/lib/kernel/runtime';
import type { Output } from '../../../../src/lib/kernel/outputs';
import { MemoryProjectStorage } from '../../../../src/lib/project/memory-storage';
import { projectSource } from '../../../../src/lib/project/modules';
import { fileRow } from '../file-row';
import '../../../../src/lib/lab/project-tests';

let kernel: KernelRuntime;
let storage: MemoryProjectStorage;

async function write(path: string, text: string) {
  await storage.writeFiles('p', { put: [fileRow('p', path, text)] });
}

async function run(source: string): Promise<Output[]> {
  return (await kernel.run('c', source, () => {})).outputs;
}

beforeEach(async () => {
  kernel = createKernelRuntime();
  await kernel.reset();
  storage = new MemoryProjectStorage();
  await write('src/features.js', 'export const double = (x) => 2 * x;');
});

describe('cells import project modules', () => {
  test('project: imports the active project, and the next import after an edit sees the new code', async () => {
    kernel.useProject(projectSource(storage, 'p'));
    expect(await run("import { double } from 'project:src/features.js';\ndouble(4)")).toEqual([
      { type: 'value', text: '8' },
    ]);
    await write('src/features.js', 'export const double = (x) => 2 * x + 1;');
    expect(await run("import { double } from 'project:src/features.js';\ndouble(4)")).toEqual([
      { type: 'value', text: '9' },
    ]);
  });

  test('a syntax error in a project file names file:line:column', async () => {
    kernel.useProject(projectSource(storage, 'p'));
    await write('src/features.js', 'export const double = (x) =>\n  2 * ;');
    const [output] = await run("import { double } from 'project:src/features.js';");
    expect(output).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/^src\/features\.js:2:7: SyntaxError: Unexpected token/),
    });
  });

  test('an error thrown in a project module says where in the project', async () => {
    kernel.useProject(projectSource(storage, 'p'));
    await write('src/features.js', 'export function parse(row) {\n  return row.trip.distance;\n}');
    const [output] = await run("import { parse } from 'project:src/features.js';\n\nparse({})");
    expect(output).toMatchObject({ type: 'error', name: 'TypeError', line: 3 });
    expect((output as { message: string }).message).toMatch(/\n {4}at src\/features\.js:2:19$/);
  });

  test('without an active project the import says what to do; project code logs to the cell', async () => {
    const [refused] = await run("import { double } from 'project:src/features.js';");
    expect(refused).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/no project is open in this kernel/),
    });
    kernel.useProject(projectSource(storage, 'p'));
    await write('src/log.js', "console.log('loaded');\nexport const ok = true;");
    expect(await run("import { ok } from 'project:src/log.js';\nok")).toEqual([
      { type: 'stream', name: 'stdout', text: 'loaded' },
      { type: 'value', text: 'true' },
    ]);
  });

  test("lab.test.run() runs the active project's tests, shows a table, and checks its options", async () => {
    kernel.useProject(projectSource(storage, 'p'));
    await write(
      'tests/features.test.js',
      "import { double } from '../src/features.js';\ntest('doubles', () => expect(double(2)).to.equal(4));\ntest('fails', () => expect(double(2)).to.equal(5));",
    );
    const outputs = await run(
      'const r = await lab.test.run({ coverage: true });\n[r.summary.passed, r.summary.failed, r.coverage[0].covered]',
    );
    expect(outputs.map((o) => o.type)).toEqual(['value', 'table', 'table', 'value']);
    expect(outputs.at(-1)).toEqual({ type: 'value', text: '[1, 1, 1]' });
    const [bad] = await run("await lab.test.run({ file: 'x' })");
    expect(bad).toMatchObject({
      type: 'error',
      message: expect.stringMatching(
        /unknown option "file"; the options are files, coverage, timeoutMs and replace/,
      ),
    });
  });
});
