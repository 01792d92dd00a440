import { beforeEach, describe, expect, onTestFinished } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../src/lib/kernel/runtime';
import { useNodeServices } from '../../scripts/lesson-runner/node-services';
import { openLessonSession } from '../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from '../unit/lessons/leaks/shipped';
import { nodeStudentGrader, submissionWith } from '../../scripts/lesson-runner/grade-in-node';
import { gradeWithTimeouts } from '../../src/lib/grading/grade-queue';
import { parseLesson } from '../../src/lib/lessons/parse';
import type { StudentOutcome } from '../../src/lib/grading/types';
import { hostile } from './hostile';
import { TIMER_CHEATS, TIMER_LESSON } from './timer-cheats';

const SECRET = 'secret-answer-5e1f';
let kernel: KernelRuntime;

beforeEach(async () => {
  useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
  const setup = await kernel.runSetup('setup-1', `const answer = '${SECRET}';`, () => {});
  expect(setup.status).toBe('ok');
});

const cell = async (source: string) => {
  const result = await kernel.run('cheat', source, () => {});
  expect(result.outputs.filter((o) => o.type === 'error')).toEqual([]);
};
/** What a check says: its message carries what the test wants to see from the check's side. */
const check = (source: string) => kernel.check('ex', source, 'not yet');

/**
 * A cell that looks for `target(value)` everywhere it can reach from `roots`: own string and
 * symbol keys, getters, prototypes, function statics. `found` is the path, or null.
 */
const SEARCH = (roots: string, target: string) => `
const seen = new Set();
let found = null;
const queue = Object.entries(${roots}).map(([k, v]) => [k, v, 0]);
const isTarget = ${target};
for (let at = 0; at < queue.length && !found && seen.size < 50000; at++) {
  const [path, value, depth] = queue[at];
  if (isTarget(value)) { found = path; break; }
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
  if (seen.has(value) || depth > 6) continue;
  seen.add(value);
  let keys = [];
  try { keys = [...Object.getOwnPropertyNames(value), ...Object.getOwnPropertySymbols(value)]; } catch {}
  for (const key of keys) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    // Values and getters of lab objects; Node's own lazy getters (process…) are not the point.
    let child = d && 'value' in d ? d.value : undefined;
    if (d && d.get && path.startsWith('lab')) { try { child = value[key]; } catch {} }
    queue.push([path + '.' + String(key), child, depth + 1]);
  }
  try { queue.push([path + '.__proto__', Object.getPrototypeOf(value), depth + 1]); } catch {}
}
`;

describe('exercise checks against cells that cheat', () => {
  hostile(
    'exercise-check',
    'a cell reads the hidden setup’s answer by name, through globalThis, Function("return this")() and the kernel’s own scope',
    // Naming `lab` itself loads every lab namespace, in this case's time (they load on first use).
    { guards: 'security', timeout: 60_000 },
    async () => {
      expect(
        (await kernel.run('c', 'answer', () => {})).outputs.map(
          (o) => o.type === 'error' && o.message,
        ),
      ).toEqual(['answer is not defined']);
      expect(kernel.completions()).not.toContain('answer');
      await cell(
        SEARCH(
          "{ lab, global: globalThis, viaFunction: Function('return this')(), scope: __scope }",
          `(v) => v === '${SECRET}'`,
        ),
      );
      // The check itself still reads it.
      expect(
        await check(`return { pass: answer === '${SECRET}', message: String(found) };`),
      ).toEqual({ pass: true, message: 'null' });
    },
  );

  hostile(
    'exercise-check',
    'a cell walks lab, its prototypes and symbols for a mystery’s answer key',
    { guards: 'security', timeout: 60_000 },
    async () => {
      await cell(
        "const m = await lab.monitoring.mystery('diabetes', { kinds: ['covariate', 'label'] });\n" +
          SEARCH(
            '{ lab, global: globalThis, scope: __scope }',
            "(v) => (typeof v === 'function' && /answerKey/i.test(v.name)) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'driftedColumns'))",
          ),
      );
      expect(lab(await check('return { pass: true, message: String(found) };'))).toBe('null');
      // The key is the check's: it reads the sealed kind.
      expect(
        (await check('return { pass: true, message: answerKey(m.A.ref).kind };')).message,
      ).toMatch(/^(covariate|label)$/);
    },
  );

  hostile(
    'exercise-check',
    'a cell replaces lab.tracking.findRuns with one that finds a fake run',
    { guards: 'security' },
    async () => {
      await cell(
        "lab.tracking.findRuns = async () => [{ id: 'fake', metrics: { test_mse: { value: 0 } } }];",
      );
      expect(
        await check("const runs = await lab.tracking.findRuns(''); return runs.length > 0;"),
      ).toEqual({ pass: false, message: 'not yet' });
    },
  );

  hostile(
    'exercise-check',
    'a cell patches Math.random, Object.keys and Object.prototype, or shadows Math, before the check',
    { guards: 'security' },
    async () => {
      // The cell's patches outlive its check (they are its own): undone here for later cases.
      const targets: [object, string][] = [
        [Math, 'random'],
        [Object, 'keys'],
        [Array.prototype, 'every'],
      ];
      const saved = targets.map(
        ([target, key]) => [target, key, Object.getOwnPropertyDescriptor(target, key)!] as const,
      );
      onTestFinished(() => {
        for (const [target, key, d] of saved) Object.defineProperty(target, key, d);
        delete (Object.prototype as { pass?: unknown }).pass;
      });
      await cell(
        'Math.random = () => 0.5;\nObject.keys = () => [];\nObject.prototype.pass = true;\nArray.prototype.every = () => true;',
      );
      await cell('const Math = { random: () => 0.5 };');
      expect(
        await check(
          "expect(/native code/.test(String(Math.random)), 'Math.random is the cell’s');\n" +
            "expect(Object.keys({ a: 1 }).length === 1, 'Object.keys is the cell’s');\n" +
            "expect(({}).pass === undefined, 'Object.prototype is polluted');\n" +
            "expect(![1, 2].every((x) => x > 1), 'Array.prototype.every is the cell’s');\n" +
            'return false;',
        ),
      ).toEqual({ pass: false, message: 'not yet' });
      // The cell's own code keeps what it patched.
      await cell("if (Object.keys({ a: 1 }).length !== 0) throw new TypeError('patch lost');");
    },
  );

  hostile(
    'exercise-check',
    'a cell overwrites the check helper expect (as a variable, on globalThis, on the kernel scope)',
    { guards: 'security' },
    async () => {
      onTestFinished(() => void delete (globalThis as { expect?: unknown }).expect);
      await cell(
        'var expect = () => {};\nglobalThis.expect = () => {};\n__scope.expect = () => {};',
      );
      expect(await check("expect(false, 'still refused');")).toEqual({
        pass: false,
        message: 'still refused',
      });
    },
  );

  hostile(
    'exercise-check',
    'a cell throws an object whose toString says the check passed',
    { guards: 'clarity' },
    async () => {
      await cell(
        "function answerIt() { throw { toString: () => 'Well done: the check passed.', message: undefined }; }",
      );
      expect(await check('return answerIt() === 1;')).toEqual({
        pass: false,
        message: 'The check itself raised: a value of type object instead of an Error',
      });
    },
  );

  hostile(
    'exercise-check',
    'a cell logs a fake test_mse with no model trained (lesson 07)',
    { guards: 'security', timeout: 60_000 },
    async () => {
      const session = await openLessonSession(shippedLesson('experiment-tracking'));
      try {
        await session.runAll('beat-baseline');
        const result = await session.attempt(
          'beat-baseline',
          "await lab.tracking.startRun({ name: 'mine', tags: { mine: 'yes' } });\nawait lab.tracking.logMetrics({ test_mse: 1 });\nawait lab.tracking.endRun();",
        );
        expect(result.pass).toBe(false);
      } finally {
        session.close();
      }
    },
  );

  // Last: a built-in redefined for good stays so in this test file's realm.
  hostile(
    'exercise-check',
    'a cell redefines Math.random as non-configurable, so it cannot be put back for the check',
    { guards: 'security' },
    async () => {
      await cell(
        "Object.defineProperty(Math, 'random', { value: () => 0.5, writable: false, configurable: false });",
      );
      const result = await check('return true;');
      expect(result.pass).toBe(false);
      expect(result.message).toMatch(
        /^A cell redefined built-in random so that it cannot be put back, and checks need the real ones\. Restart the kernel/,
      );
    },
  );
});

/**
 * Checks that await while a cell's timer patches a built-in. Put-back built-ins (above) cannot stop
 * these; frozen ones can: the grading thread, like the page's kernel worker, runs SES lockdown
 * before any cell (src/lib/kernel/harden-intrinsics.ts). Not in this file's realm: lockdown would
 * freeze vitest's own built-ins, and the cases above undo their patches. `lessons:check` runs in
 * its process unhardened too: it runs the authors' own code, not students'.
 */
describe('exercise checks against patches that land while the check awaits (grading thread)', () => {
  const parsed = parseLesson(TIMER_LESSON, 'lessons/99-timer-cheats/lesson.md');
  if (!parsed.ok) throw new TypeError(JSON.stringify(parsed.errors));
  const lesson = parsed.lesson;
  const graded = new Map<string, Promise<StudentOutcome>>();
  /** A grading thread of its own for each cheat (the other exercises keep their starters). */
  const grade = (kind: 'cheat' | 'solution', only?: string) => {
    const key = `${kind} ${only}`;
    let outcome = graded.get(key);
    if (!outcome) {
      outcome = submissionWith(
        lesson,
        { name: 'Mallory', id: 'm-1' },
        Object.fromEntries(
          TIMER_CHEATS.map((c) => [
            c.id,
            only === undefined || only === c.id ? c[kind] : c.starter,
          ]),
        ),
      ).then((submission) =>
        gradeWithTimeouts(() => nodeStudentGrader(lesson, submission, null), {
          stepMs: 20_000,
          startMs: 90_000,
        }),
      );
      graded.set(key, outcome);
    }
    return outcome;
  };
  const checkOf = async (kind: 'cheat' | 'solution', id: string) =>
    (await grade(kind, kind === 'cheat' ? id : undefined)).exercises.find(
      (e) => e.exerciseId === id,
    )?.check;

  hostile(
    'exercise-check',
    'the lesson’s solutions pass in the hardened grading thread (so a failed cheat below is the lockdown’s doing)',
    { guards: 'security', timeout: 180_000 },
    async () => {
      for (const c of TIMER_CHEATS)
        expect(await checkOf('solution', c.id)).toMatchObject({ pass: true });
    },
  );

  for (const c of TIMER_CHEATS)
    hostile(
      'exercise-check',
      `a cell’s ${c.title.replace(/^A /, '')}, while the check awaits`,
      { guards: 'security', timeout: 180_000 },
      async () => {
        expect(await checkOf('cheat', c.id)).toMatchObject({ pass: false });
      },
    );
});

/** A check's message, where the case passes data back through it. */
function lab(result: { message: string }): string {
  return result.message;
}
