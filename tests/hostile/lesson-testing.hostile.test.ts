import { describe, expect } from 'vitest';
import { createKernelRuntime } from '../../src/lib/kernel/runtime';
import type { Output } from '../../src/lib/kernel/outputs';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import { projectSource } from '../../src/lib/project/modules';
import { checkMutants, mutatedText, runMutants } from '../../src/lib/project/testing/mutants';
import { runProjectTests } from '../../src/lib/project/testing/run-project-tests';
import { FILE_MODE } from '../../src/lib/project/types';
import '../../src/lib/lab/project-tests';
import { hostile } from './hostile';

const FEATURES = 'export const double = (x) => 2 * x;\n';
const TEST =
  "import { double } from '../src/f.js';\ntest('doubles', () => expect(double(3)).to.equal(6));\n";
const files = { 'src/f.js': FEATURES, 'tests/f.test.js': TEST };
const run = (over: Record<string, string>) => (replace?: Record<string, string>) =>
  runProjectTests({ ...over, ...replace }, { timeoutMs: 200 });

/** A kernel whose active project holds `files`, and a way to run a cell in it. */
async function kernelWith(project: Record<string, string>) {
  const storage = new MemoryProjectStorage();
  const encoder = new TextEncoder();
  await storage.writeFiles('p', {
    put: Object.entries(project).map(([path, text]) => ({
      projectId: 'p',
      path,
      kind: 'file' as const,
      bytes: encoder.encode(text),
      mode: FILE_MODE,
      mtimeMs: 0,
    })),
  });
  const kernel = createKernelRuntime();
  await kernel.reset();
  kernel.useProject(projectSource(storage, 'p'));
  return {
    storage,
    cell: async (source: string): Promise<Output[]> =>
      (await kernel.run('c', source, () => {})).outputs,
  };
}

describe('lesson-testing: mutants and replaced files', () => {
  hostile(
    'lesson-testing',
    'a mutant whose code hangs a test is caught by the timeout, and the run ends',
    { guards: 'availability', timeout: 10_000 },
    async () => {
      const report = await runMutants(
        files,
        checkMutants([
          {
            name: 'never returns',
            file: 'src/f.js',
            text: 'export const double = () => new Promise(() => {});\n',
          },
        ]),
        run(files),
      );
      // A promise is not 6, so the first suite fails at once; one that awaits it waits for the timeout.
      const awaiting = {
        ...files,
        'tests/f.test.js': TEST.replace('expect(double(3))', 'expect(await double(3))').replace(
          '() =>',
          'async () =>',
        ),
      };
      const hung = await runMutants(
        awaiting,
        checkMutants([
          {
            name: 'never returns',
            file: 'src/f.js',
            text: 'export const double = () => new Promise(() => {});\n',
          },
        ]),
        run(awaiting),
      );
      expect(report.mutants[0]!.status).toBe('caught');
      expect(hung.mutants[0]).toMatchObject({ status: 'caught', failed: 1 });
    },
  );

  hostile(
    'lesson-testing',
    'a mutant that is not valid JavaScript counts as caught, and nothing throws',
    { guards: 'availability' },
    async () => {
      const report = await runMutants(
        files,
        checkMutants([{ name: 'half a file', file: 'src/f.js', find: '2 * x;', replace: '2 * (' }]),
        run(files),
      );
      expect(report.mutants[0]!.status).toBe('caught');
    },
  );

  hostile(
    'lesson-testing',
    '$&, $1 and $$ in a replacement are text, not patterns',
    { guards: 'data' },
    () => {
      const [m] = checkMutants([
        { name: 'm', file: 'src/f.js', find: '2 * x', replace: "'$&$1$$'" },
      ]);
      expect(mutatedText(files, m!)).toBe("export const double = (x) => '$&$1$$';\n");
    },
  );

  hostile(
    'lesson-testing',
    'a mutant may not reach outside the project or into .git',
    { guards: 'security' },
    () => {
      for (const file of ['../etc/passwd', '/etc/passwd', '.git/config', 'src/../../x.js'])
        expect(() => checkMutants([{ name: 'm', file, text: 'x' }])).toThrow(/mutant 1 \("m"\)/);
    },
  );

  hostile(
    'lesson-testing',
    'ten thousand mutants, or a name of a megabyte, are refused before anything runs',
    { guards: 'availability' },
    () => {
      expect(() =>
        checkMutants(
          Array.from({ length: 10_000 }, () => ({ name: 'm', file: 'src/f.js', text: '' })),
        ),
      ).toThrow(/at most 50 mutants/);
      expect(() =>
        checkMutants([{ name: 'n'.repeat(1_000_000), file: 'src/f.js', text: '' }]),
      ).toThrow(/at most 200 characters/);
    },
  );

  hostile(
    'lesson-testing',
    'a find that occurs twice is refused rather than guessing which',
    { guards: 'clarity' },
    () => {
      const [m] = checkMutants([{ name: 'm', file: 'src/f.js', find: 'x', replace: 'y' }]);
      expect(() => mutatedText(files, m!)).toThrow(
        /Mutant "m": src\/f\.js contains the text to replace 3 times; it must occur exactly once/,
      );
    },
  );

  hostile(
    'lesson-testing',
    'replace: { "__proto__": … } neither pollutes prototypes nor reaches the run',
    { guards: 'security' },
    async () => {
      const { cell } = await kernelWith(files);
      const outputs = await cell(
        'const r = await lab.test.run({ replace: JSON.parse(\'{"__proto__": "export const polluted = 1;"}\') });\n[r.summary.passed, ({}).polluted === undefined]',
      );
      expect(outputs.at(-1)).toEqual({ type: 'value', text: '[1, true]' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  hostile(
    'lesson-testing',
    'replace may not write into .git or outside the project, and stores nothing',
    { guards: 'data' },
    async () => {
      const { cell, storage } = await kernelWith(files);
      for (const path of ['.git/HEAD', '../x.js']) {
        const [refused] = await cell(
          `await lab.test.run({ replace: { ${JSON.stringify(path)}: 'x' } })`,
        );
        expect(refused).toMatchObject({
          type: 'error',
          message: expect.stringMatching(/lab\.test\.run\(options\): replace: /),
        });
      }
      await cell(
        "await lab.test.mutate([{ name: 'm', file: 'src/f.js', text: 'export const double = () => 0;' }])",
      );
      expect(await storage.listPaths('p')).toEqual(
        expect.arrayContaining(['src/f.js', 'tests/f.test.js']),
      );
      expect(new TextDecoder().decode((await storage.getFile('p', 'src/f.js'))!.bytes)).toBe(
        FEATURES,
      );
    },
  );

  hostile(
    'lesson-testing',
    'mutants against a suite with no tests say so instead of reporting 0 of n caught as a score',
    { guards: 'clarity' },
    async () => {
      const { cell } = await kernelWith({ 'src/f.js': FEATURES, 'tests/f.test.js': '' });
      const [said] = await cell(
        "await lab.test.mutate([{ name: 'm', file: 'src/f.js', text: '' }])",
      );
      expect(said).toEqual({
        type: 'value',
        text: 'No tests ran, so no mutant could be caught. Write a test first.',
      });
    },
  );

  hostile(
    'lesson-testing',
    'a cell that replaces lab.test.mutate with a fake before Check answer',
    { guards: 'data' },
    async () => {
      // Checks get a lab of their own (issue 17, item 3): the cell's fake changes only its copy.
      const kernel = createKernelRuntime();
      await kernel.reset();
      const storage = new MemoryProjectStorage();
      await storage.writeFiles('p', {
        put: Object.entries(files).map(([path, text]) => ({
          projectId: 'p',
          path,
          kind: 'file' as const,
          bytes: new TextEncoder().encode(text),
          mode: FILE_MODE,
          mtimeMs: 0,
        })),
      });
      kernel.useProject(projectSource(storage, 'p'));
      await kernel.run(
        'c',
        "lab.test.mutate = async () => ({ caught: 1, total: 1, mutants: [{ status: 'caught' }] });",
        () => {},
      );
      const mutant =
        "[{ name: 'broken', file: 'src/f.js', text: 'export const double = (x) => x;' }]";
      const seen = await kernel.check(
        'y',
        `const r = await lab.test.mutate(${mutant}); return { pass: r.baselinePassed === true && r.total === 1, message: r.mutants[0].status };`,
        'hint',
      );
      expect(seen).toEqual({ pass: true, message: 'caught' });
    },
  );
});
