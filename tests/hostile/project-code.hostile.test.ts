import { describe, expect } from 'vitest';
import { createModuleLoader, ModuleError } from '../../src/lib/project/modules';
import { runProjectTests, superviseTestRun, type TestSession } from '../../src/lib/project/testing';
import { hostile } from './hostile';

function loader(files: Record<string, string>) {
  return createModuleLoader({ readText: async (path) => files[path] });
}

async function refusal(promise: Promise<unknown>): Promise<ModuleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModuleError);
  return error as ModuleError;
}

/** A worker in process that goes silent, as one stuck in `while (true) {}` does, on `stuckOn`. */
function silentWorkers(stuckOn: (event: { type: string; file: string }) => boolean) {
  let started = 0;
  const start = (): TestSession => {
    started += 1;
    let silent = false;
    return {
      run: (files, options, onEvent) =>
        new Promise((resolve) => {
          void runProjectTests(files, {
            ...options,
            onEvent: (event) => {
              if (silent) return;
              onEvent(event);
              const file =
                event.type === 'test-end' || event.type === 'file-end'
                  ? event.result.file
                  : event.file;
              if (stuckOn({ type: event.type, file })) silent = true;
            },
          }).then((report) => silent || resolve(report));
        }),
      terminate: () => void (silent = true),
    };
  };
  return { start, started: () => started };
}

describe('project modules and test files', () => {
  hostile('project-code', 'an import cycle', { guards: 'clarity' }, async () => {
    const error = await refusal(
      loader({
        'a.js': "import { b } from './b.js';\nexport const a = 1;",
        'b.js': "import { a } from './a.js';\nexport const b = 2;",
      }).import('project:a.js'),
    );
    expect(error.message).toMatch(
      /^b\.js:1:19: Import cycle: a\.js → b\.js → a\.js\..*move what they share/,
    );
  });

  hostile('project-code', 'an import of a missing file', { guards: 'clarity' }, async () => {
    const error = await refusal(
      loader({ 'src/a.js': "\nimport { x } from './lib/x.js';" }).import('project:src/a.js'),
    );
    expect(error.message).toMatch(
      /^src\/a\.js:2:19: Cannot import "src\/lib\/x\.js": the project has no such file/,
    );
  });

  hostile(
    'project-code',
    'project:../../x (leaving the project)',
    { guards: 'security' },
    async () => {
      const files = { 'a.js': "import x from 'project:../../x';" };
      const error = await refusal(loader(files).import('project:a.js'));
      expect(error.code).toBe('bad-import');
      expect(error.message).toMatch(
        /^a\.js:1:15: Cannot import "project:\.\.\/\.\.\/x": .*uses "\.\.", which would leave the project/,
      );
      expect((await refusal(loader(files).import('project:../../etc/passwd'))).code).toBe(
        'bad-import',
      );
    },
  );

  hostile('project-code', 'a 5 MB file', { guards: 'availability' }, async () => {
    const started = performance.now();
    const big = `export const data = [${'1,'.repeat(2_500_000)}];`;
    const error = await refusal(
      loader({ 'big.js': big, 'a.js': "import './big.js';" }).import('project:a.js'),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(
      /^a\.js:1:8: "big\.js" is 5,000,0\d\d characters long; a module may have at most 2,000,000\. Keep data in a data file/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  hostile(
    'project-code',
    "an infinite loop at a test file's top level",
    { guards: 'availability', timeout: 10_000 },
    async () => {
      const workers = silentWorkers((e) => e.type === 'file-start' && e.file === 'loop.test.js');
      const report = await superviseTestRun(
        workers.start,
        // In process, the file cannot really spin (it would stop this test too): it waits forever
        // instead, and the stand-in worker goes silent as a spinning one does.
        {
          'loop.test.js': 'await new Promise(() => {});',
          'ok.test.js': "test('still runs', () => {});",
        },
        { graceMs: 10 },
      );
      expect(report.files.map((f) => [f.file, f.status])).toEqual([
        ['loop.test.js', 'failed'],
        ['ok.test.js', 'passed'],
      ]);
      expect(report.files[0]!.error!.message).toMatch(
        /^loop\.test\.js did not finish loading .* loops forever/,
      );
      expect(workers.started()).toBe(2);
    },
  );

  hostile('project-code', 'a test that never settles', { guards: 'availability' }, async () => {
    const report = await runProjectTests(
      {
        'a.test.js':
          "test('waits forever', async () => { await new Promise(() => {}); });\ntest('next', () => {});",
      },
      { timeoutMs: 30 },
    );
    expect(report.files[0]!.tests.map((t) => t.status)).toEqual(['timed-out', 'passed']);
    expect(report.files[0]!.tests[0]!.error!.message).toMatch(
      /did not finish within 30 ms.*missing await/,
    );
  });

  hostile(
    'project-code',
    'tests that throw a string, null, and an object whose getters throw',
    { guards: 'clarity' },
    async () => {
      const report = await runProjectTests({
        'a.test.js': [
          "test('string', () => { throw 'bad row'; });",
          "test('null', () => { throw null; });",
          "test('getter', () => { throw { get message() { throw new Error('gotcha'); }, get name() { throw 1; }, get stack() { throw 2; } }; });",
          "test('after them', () => {});",
        ].join('\n'),
      });
      const [text, nil, getter, after] = report.files[0]!.tests;
      expect(text!.error!.message).toBe(
        'The test threw bad row, which is not an Error, so it has no stack: throw an Error object (for example a TypeError with a message) to see where.',
      );
      expect(nil!.error!.message).toMatch(/^The test threw null, which is not an Error/);
      expect(getter!.status).toBe('failed');
      expect(getter!.error!.message).toMatch(/^The test threw .*not an Error/);
      expect(after!.status).toBe('passed');
    },
  );

  hostile(
    'project-code',
    'a test that mutates globals (the next run is clean)',
    { guards: 'data' },
    async () => {
      const files = {
        'a.test.js':
          "test('mutates', () => { globalThis.leaked = 1; Math = { max: () => 0 }; globalThis.fetch = null; });",
        'b.test.js':
          "test('sees a clean scope', () => { expect(typeof leaked).to.equal('undefined'); expect(Math.max(1, 2)).to.equal(2); expect(typeof fetch).to.equal('function'); });",
      };
      const first = await runProjectTests(files);
      expect(first.summary).toMatchObject({ passed: 2, failed: 0 });
      expect('leaked' in globalThis).toBe(false);
      expect(Math.max(1, 2)).toBe(2);
      expect((await runProjectTests({ 'b.test.js': files['b.test.js'] })).summary.passed).toBe(1);
    },
  );

  hostile('project-code', 'a module named __proto__.js', { guards: 'data' }, async () => {
    const report = await runProjectTests({
      '__proto__.js': 'export const constructor = 1;\nexport const hasOwnProperty = 2;',
      'p.test.js':
        "import * as m from './__proto__.js';\ntest('is a module', () => { expect(m.constructor).to.equal(1); expect(m.hasOwnProperty).to.equal(2); });",
    });
    expect(report.summary).toMatchObject({ passed: 1, failed: 0 });
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
