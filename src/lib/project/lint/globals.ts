import globals from 'globals';
import type { LintKind } from './types';

/**
 * What every cell sees without declaring it: the kernel's scope (src/lib/kernel/runtime.ts —
 * `aq`, `Plot`, `lab`, `console`, `fetch`, and `tf` once a cell names it). A unit test compares it
 * with the live kernel, so a name added there is not reported as undefined here. Also `op`:
 * Arquero compiles table expressions such as `d => op.mean(d.x)` with `op` in scope, and lessons
 * use it that way (outside an expression it is not defined, which lint cannot tell apart).
 */
export const CELL_GLOBALS: readonly string[] = [
  'aq',
  'Plot',
  'lab',
  'console',
  'fetch',
  'tf',
  'op',
];

/** What the project's test runner gives a `*.test.js` file. */
export const TEST_GLOBALS: readonly string[] = [
  'describe',
  'test',
  'it',
  'expect',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
];

type Globals = Record<string, 'readonly' | 'writable' | 'off'>;

const readonly = (names: Iterable<string>): Globals =>
  Object.fromEntries([...names].map((name) => [name, 'readonly' as const]));

/**
 * The globals of a kind of file. Project modules and cells run in workers (the kernel, the test
 * runner), so they get the worker's globals — not `window` or `document`, which do not exist
 * there and would fail at run time. `knownGlobals` are writable: a cell may reassign a name an
 * earlier cell declared.
 */
export function globalsFor(kind: LintKind, knownGlobals: readonly string[] = []): Globals {
  const worker: Globals = Object.fromEntries(
    Object.entries(globals.worker).map(([name, writable]) => [
      name,
      writable ? 'writable' : 'readonly',
    ]),
  );
  const extra = kind === 'cell' ? CELL_GLOBALS : kind === 'test' ? TEST_GLOBALS : [];
  const known: Globals = Object.fromEntries(
    knownGlobals.map((name) => [name, 'writable' as const]),
  );
  return { ...worker, ...readonly(extra), ...known };
}
