import { describe, expect, test } from 'vitest';
import {
  createModuleLoader,
  ModuleError,
  type Namespace,
} from '../../../../src/lib/project/modules';

function project(files: Record<string, string>, extra: { globals?: Record<string, unknown> } = {}) {
  const reads: string[] = [];
  const loader = createModuleLoader({
    readText: async (path) => {
      reads.push(path);
      return files[path];
    },
    importLibrary: async (specifier) => {
      if (specifier === 'lib') return { answer: 42 };
      throw new Error(`Cannot import "${specifier}": not bundled.`);
    },
    ...extra,
  });
  return { files, loader, reads };
}

async function rejection(promise: Promise<unknown>): Promise<ModuleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModuleError);
  return error as ModuleError;
}

describe('project modules', () => {
  test('named, default, namespace, re-exports and export * between project files', async () => {
    const { loader } = project({
      'src/geo.js':
        'export const R = 6371;\nexport function rad(d) { return (d * Math.PI) / 180; }',
      'src/features.js': [
        "import { R, rad } from './geo.js';",
        "import * as geo from './geo.js';",
        'export default function haversine(a, b) { return R * rad(b - a); }',
        "export { R as radius } from './geo.js';",
        "export * from './geo.js';",
        'export const same = geo.R === R;',
      ].join('\n'),
      'src/index.js':
        "import h, { radius, rad, same } from '../src/features.js';\nexport default { h, radius, rad, same };",
    });
    const ns = (await loader.import('project:src/index.js')) as Namespace;
    const value = ns.default as {
      h: (a: number, b: number) => number;
      radius: number;
      same: boolean;
    };
    expect(value.radius).toBe(6371);
    expect(value.same).toBe(true);
    expect(value.h(0, 180)).toBeCloseTo(6371 * Math.PI);
  });

  test('exports are live bindings, and a module named __proto__.js is just a module', async () => {
    const { loader } = project({
      '__proto__.js':
        'export let count = 0;\nexport function bump() { count += 1; }\nexport { count as __proto__ };',
    });
    const ns = (await loader.import('project:__proto__.js')) as Namespace & { bump(): void };
    ns.bump();
    expect(ns.count).toBe(1);
    expect(ns.__proto__).toBe(1);
  });

  test('bundled libraries and the globals option reach modules', async () => {
    const { loader } = project(
      { 'a.js': "import { answer } from 'lib';\nexport const x = answer + extra;" },
      { globals: { extra: 1 } },
    );
    expect(((await loader.import('project:a.js')) as Namespace).x).toBe(43);
  });

  test('after an edit the next import sees the new code; unchanged modules do not run again', async () => {
    const runs: string[] = [];
    const { files, loader } = project(
      {
        'a.js': "log('a');\nexport const k = 1;",
        'b.js': "log('b');\nexport const k = 2;",
        'main.js':
          "import { k as a } from './a.js';\nimport { k as b } from './b.js';\nlog('main');\nexport const sum = a + b;",
      },
      { globals: { log: (name: string) => runs.push(name) } },
    );
    expect(((await loader.import('project:main.js')) as Namespace).sum).toBe(3);
    await loader.import('project:main.js');
    expect(runs).toEqual(['a', 'b', 'main']);
    files['a.js'] = "log('a');\nexport const k = 10;";
    expect(((await loader.import('project:main.js')) as Namespace).sum).toBe(12);
    expect(runs).toEqual(['a', 'b', 'main', 'a', 'main']);
  });

  test('a syntax error names file:line:column and the message', async () => {
    const { loader } = project({
      'src/features.js': 'export function f(x) {\n  return x +;\n}',
      'main.js': "import { f } from './src/features.js';",
    });
    const error = await rejection(loader.import('project:main.js'));
    expect(error.code).toBe('syntax-error');
    expect(error.message).toMatch(/^src\/features\.js:2:13: SyntaxError: Unexpected token/);
  });

  test('a runtime error is located at file:line:column, on line 1 too', async () => {
    const { loader } = project({
      'src/f.js': 'export function boom() {\n  return null.x;\n}',
      'src/g.js': 'export const g = () => undefined.y;',
    });
    const f = (await loader.import('project:src/f.js')) as { boom(): void };
    const g = (await loader.import('project:src/g.js')) as { g(): void };
    let caught: unknown;
    try {
      f.boom();
    } catch (e) {
      caught = e;
    }
    expect(loader.locate(caught)).toEqual({ file: 'src/f.js', line: 2, column: 15 });
    try {
      g.g();
    } catch (e) {
      caught = e;
    }
    expect(loader.locate(caught)).toEqual({ file: 'src/g.js', line: 1, column: 34 });
  });

  test('a missing file is named with the importing file and line', async () => {
    const { loader } = project({ 'main.js': "\n\nimport { x } from './nope.js';" });
    const error = await rejection(loader.import('project:main.js'));
    expect(error.code).toBe('missing-module');
    expect(error.message).toMatch(
      /^main\.js:3:19: Cannot import "nope\.js": the project has no such file/,
    );
  });

  test('a missing export is named with what the module does export', async () => {
    const { loader } = project({
      'a.js': 'export const x = 1, y = 2;',
      'main.js': "import { z } from './a.js';",
    });
    const error = await rejection(loader.import('project:main.js'));
    expect(error.message).toMatch(
      /main\.js:1:19: ".\/a\.js" has no export named "z"\. It exports: x, y\./,
    );
  });

  test('an import cycle is refused with the cycle named', async () => {
    const { loader } = project({
      'a.js': "import './b.js';",
      'b.js': "import './c.js';",
      'c.js': "import './a.js';",
    });
    const error = await rejection(loader.import('project:a.js'));
    expect(error.code).toBe('import-cycle');
    expect(error.message).toContain('a.js → b.js → c.js → a.js');
    expect(error.message).toMatch(/^c\.js:1:8: /);
  });

  test('a specifier that leaves the project or is not bundled is refused', async () => {
    const { loader } = project({ 'a.js': "import x from '../../x.js';", 'b.js': "import 'fs';" });
    expect((await rejection(loader.import('project:a.js'))).message).toMatch(
      /^a\.js:1:15: Cannot import "..\/..\/x\.js": .*outside the project/,
    );
    expect((await rejection(loader.import('project:../../x.js'))).message).toMatch(
      /leave the project/,
    );
    expect((await rejection(loader.import('project:b.js'))).message).toMatch(
      /^b\.js:1:8: .*not bundled/,
    );
  });

  test('dynamic import() goes through the loader, never the network', async () => {
    const { loader } = project({
      'a.js': "export const load = () => import('./b.js');",
      'b.js': 'export const v = 7;',
    });
    const a = (await loader.import('project:a.js')) as { load(): Promise<Namespace> };
    expect((await a.load()).v).toBe(7);
  });
});
