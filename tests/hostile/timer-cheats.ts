/**
 * A lesson whose checks await (as real checks do: findRuns, loadModel, fetch) before they use a
 * built-in, and for each exercise a cell that leaves something behind — a timer, a MessagePort
 * ping-pong, a fetch or crypto.subtle promise loop — that keeps patching that built-in so the
 * check would pass on a wrong answer. Built-ins put back when the check starts are not enough:
 * the patch lands during the check's awaits. Used by the Node grading thread's cases
 * (exercise-check.hostile.test.ts) and the real kernel's (browser/check-timers.hostile.test.ts).
 */

/** Ten macrotasks: every cheat below fires at least once while the check waits. */
const AWAIT = 'for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 5));';

interface Cheat {
  id: string;
  title: string;
  starter: string;
  check: string;
  solution: string;
  /** The student's cell: a wrong answer and something that patches the built-in later. */
  cheat: string;
}

/** Swallows the refusal so the cheat keeps going; counts refusals to show what happened. */
const attempt = (patch: string) =>
  `try { ${patch} } catch (e) { globalThis.refused = (globalThis.refused ?? 0) + 1; globalThis.refusal = String(e && e.message); }`;

export const TIMER_CHEATS: Cheat[] = [
  {
    id: 'interval-includes',
    title: 'A setInterval re-patcher of Array.prototype.includes',
    starter: 'const a1 = -1;',
    check: `${AWAIT}\nreturn [3].includes(a1);`,
    solution: 'const a1 = 3;',
    cheat:
      'const a1 = -1;\nconst realIncludes = Array.prototype.includes;\n' +
      `setInterval(() => { ${attempt('Array.prototype.includes = function (x) { return x === -1 || realIncludes.call(this, x); };')} }, 1);`,
  },
  {
    id: 'ping-pong-stringify',
    title: 'A MessageChannel ping-pong that patches JSON.stringify',
    starter: 'const a2 = -2;',
    check: `${AWAIT}\nreturn JSON.stringify(a2) === '3';`,
    solution: 'const a2 = 3;',
    cheat:
      'const a2 = -2;\nconst realStringify = JSON.stringify;\nconst channel = new MessageChannel();\n' +
      `channel.port1.onmessage = () => { ${attempt("JSON.stringify = (v, ...rest) => (v === -2 ? '3' : realStringify(v, ...rest));")} channel.port2.postMessage(0); };\n` +
      'channel.port2.postMessage(0);',
  },
  {
    id: 'fetch-loop-keys',
    title: 'A fetch(data:) promise loop that patches Object.keys',
    starter: 'const a3 = {};',
    check: `${AWAIT}\nreturn Object.keys(a3).length === 3;`,
    solution: 'const a3 = { x: 1, y: 2, z: 3 };',
    cheat:
      'const a3 = {};\nconst realKeys = Object.keys;\n' +
      `const again3 = () => fetch('data:text/plain,x').then((r) => r.text()).then(() => { ${attempt("Object.keys = (o) => (o === a3 ? ['x', 'y', 'z'] : realKeys(o));")} again3(); });\n` +
      'again3();',
  },
  {
    id: 'self-removing-max',
    title: 'A patch of Math.max that lies to the check once and removes itself',
    starter: 'const a4 = -4;',
    check: `${AWAIT}\nreturn Math.max(a4, 1) === 3;`,
    solution: 'const a4 = 3;',
    // Lies only to the check's call, so nothing else notices it.
    cheat:
      'const a4 = -4;\nconst realMax = Math.max;\n' +
      `setTimeout(function again4() { ${attempt('Math.max = (...xs) => (xs[0] === -4 && xs[1] === 1 ? ((Math.max = realMax), 3) : realMax(...xs));')} setTimeout(again4, 1); }, 1);`,
  },
  {
    id: 'digest-loop-promise',
    title: 'A crypto.subtle promise loop that patches Promise.all',
    // Each round yields to timers: a tight digest loop starves the worker's timers in Chromium,
    // which hangs the kernel (until it is stopped) with or without frozen built-ins.
    starter: 'const a5 = -5;',
    check: `${AWAIT}\nconst [v] = await Promise.all([a5]);\nreturn v === 3;`,
    solution: 'const a5 = 3;',
    cheat:
      'const a5 = -5;\nconst realAll = Promise.all.bind(Promise);\n' +
      `const again5 = () => crypto.subtle.digest('SHA-256', new Uint8Array(1)).then(() => { ${attempt('Promise.all = (xs) => (xs.length === 1 && xs[0] === -5 ? realAll([3]) : realAll(xs));')} setTimeout(again5, 0); });\n` +
      'again5();',
  },
  // Libraries cells and checks share: locked where the built-ins are (library-locks.ts).
  {
    id: 'library-op',
    title: 'A patch of aq.op.abs, the function a check calls',
    starter: 'const a6 = 1;',
    check: `${AWAIT}\nreturn aq.op.abs(a6) === 3;`,
    solution: 'const a6 = -3;',
    cheat: `const a6 = 1;\nconst realAbs = aq.op.abs;\n${attempt('aq.op.abs = (x) => (x === 1 ? 3 : realAbs(x));')}`,
  },
  {
    id: 'library-register',
    title: 'A re-registration of arquero’s abs with override: true',
    starter: 'const a7 = 1;',
    check: `${AWAIT}\nreturn aq.table({ v: [a7] }).derive({ w: (d) => aq.op.abs(d.v) }).get('w', 0) === 3;`,
    solution: 'const a7 = -3;',
    cheat: `const a7 = 1;\n${attempt("aq.addFunction('abs', (x) => (x === 1 ? 3 : x < 0 ? -x : x), { override: true });")}`,
  },
  {
    id: 'library-prototype',
    title: 'A method shadowed on the table class a check’s table inherits from',
    starter: 'const a8 = [1];',
    check: `${AWAIT}\nreturn aq.table({ v: a8 }).numRows() === 3;`,
    solution: 'const a8 = [1, 2, 3];',
    // numRows lives on Table.prototype; the cheat assigns it one level down, on ColumnTable's.
    cheat: `const a8 = [1];\n${attempt('Object.getPrototypeOf(aq.table({})).numRows = function () { return 3; };')}\n${attempt("Object.defineProperty(Object.getPrototypeOf(aq.table({})), 'numRows', { value: () => 3 });")}`,
  },
  {
    id: 'library-tensor',
    title: 'A patch of tf.Tensor.prototype.arraySync',
    starter: 'const a9 = [1];',
    check: `${AWAIT}\nreturn tf.tensor(a9).sum().arraySync() === 3;`,
    solution: 'const a9 = [1, 2];',
    cheat: `const a9 = [1];\n${attempt('tf.Tensor.prototype.arraySync = function () { return 3; };')}`,
  },
];

export const TIMER_LESSON_ID = 'timer-cheats';

/** The lesson, as lesson.md: each exercise's starter fails its check, its solution passes. */
export const TIMER_LESSON = [
  '---',
  `id: ${TIMER_LESSON_ID}`,
  'title: Checks against timers',
  'summary: Exercises whose checks await while a cell’s timers try to patch built-ins.',
  'objectives:',
  '  - Keep checks honest',
  'minutes: 5',
  '---',
  '',
  '# Checks against timers',
  '',
  ...TIMER_CHEATS.flatMap((c) => [
    `\`\`\`js exercise id=${c.id} title="${c.title}"`,
    c.starter,
    '```',
    '',
    `\`\`\`js check for=${c.id} hint="Set the answer to 3."`,
    c.check,
    '```',
    '',
    `\`\`\`js solution for=${c.id}`,
    c.solution,
    '```',
    '',
  ]),
].join('\n');
