import { ProjectError } from '../errors';
import { eachName } from './each-name';

export type TestFn = () => unknown;
export type Mode = 'run' | 'skip' | 'only';

export interface Hook {
  fn: TestFn;
  timeoutMs?: number;
}

export interface TestCase {
  kind: 'test';
  name: string;
  fn?: TestFn;
  mode: Mode;
  timeoutMs?: number;
}

export interface Suite {
  kind: 'suite';
  name: string;
  mode: Mode;
  children: (Suite | TestCase)[];
  beforeAll: Hook[];
  afterAll: Hook[];
  beforeEach: Hook[];
  afterEach: Hook[];
}

function newSuite(name: string, mode: Mode = 'run'): Suite {
  return {
    kind: 'suite',
    name,
    mode,
    children: [],
    beforeAll: [],
    afterAll: [],
    beforeEach: [],
    afterEach: [],
  };
}

function checkName(kind: string, name: unknown): string {
  if (typeof name !== 'string' && typeof name !== 'number')
    throw new ProjectError(
      'bad-name',
      `${kind}() needs a name first: ${kind}('adds two numbers', () => { … }).`,
    );
  return String(name);
}

/**
 * The Jest/Vitest-style globals a test file sees: describe, test/it (with .each, .skip, .only,
 * .todo), the four hooks. Calls register into the current file's root suite; describe bodies run
 * at once, as in Jest, and must be synchronous.
 */
export function createCollector() {
  let root = newSuite('');
  let current = root;

  const describeWith = (mode: Mode) => (name: unknown, body: () => unknown) => {
    const suite = newSuite(checkName('describe', name), mode);
    current.children.push(suite);
    const parent = current;
    current = suite;
    try {
      const result = body();
      if (result && typeof (result as Promise<unknown>).then === 'function')
        throw new ProjectError(
          'bad-name',
          `describe('${suite.name}') got an async function. Describe bodies only declare tests; put the awaiting inside test() or beforeAll().`,
        );
    } finally {
      current = parent;
    }
  };

  const testWith = (mode: Mode) => (name: unknown, fn?: TestFn, timeoutMs?: number) => {
    current.children.push({ kind: 'test', name: checkName('test', name), fn, mode, timeoutMs });
  };

  const withEach = <F extends (name: unknown, fn: never, timeoutMs?: number) => void>(base: F) =>
    Object.assign(base, {
      each:
        (table: readonly unknown[]) =>
        (name: unknown, fn: (...args: unknown[]) => unknown, timeoutMs?: number) => {
          const title = checkName('each', name);
          table.forEach((row, index) => {
            const args = Array.isArray(row) ? row : [row];
            (base as unknown as (n: string, f: () => unknown, t?: number) => void)(
              eachName(title, args, index),
              () => fn(...args),
              timeoutMs,
            );
          });
        },
    });

  const makeTest = () =>
    Object.assign(withEach(testWith('run')), {
      skip: withEach(testWith('skip')),
      only: withEach(testWith('only')),
      todo: (name: unknown) => testWith('skip')(name),
    });
  const test = makeTest();
  const describe = Object.assign(withEach(describeWith('run') as never), {
    skip: withEach(describeWith('skip') as never),
    only: withEach(describeWith('only') as never),
  });
  const hook =
    (kind: 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach') =>
    (fn: TestFn, timeoutMs?: number) => {
      current[kind].push({ fn, timeoutMs });
    };

  return {
    api: {
      describe,
      test,
      it: test,
      beforeAll: hook('beforeAll'),
      afterAll: hook('afterAll'),
      beforeEach: hook('beforeEach'),
      afterEach: hook('afterEach'),
    },
    /** Starts a new file: later calls register into a fresh root suite, which is returned. */
    beginFile(): Suite {
      root = newSuite('');
      current = root;
      return root;
    },
  };
}
