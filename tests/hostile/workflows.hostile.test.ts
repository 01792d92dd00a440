import { describe, expect } from 'vitest';
import { createCiService } from '../../src/lib/ci/ci-service';
import { CiError } from '../../src/lib/ci/errors';
import { parseExpression } from '../../src/lib/ci/expression-parse';
import { evaluate } from '../../src/lib/ci/expressions';
import { parseWorkflow } from '../../src/lib/ci/parse-workflow';
import { ciProject, PROJECT } from '../unit/ci/project-fixture';
import { hostile } from './hostile';

const FILE = '.github/workflows/ci.yml';
const problemsOf = (text: string) => {
  const parsed = parseWorkflow(text, FILE);
  if (parsed.ok) throw new Error('the workflow was accepted');
  return parsed.problems;
};

describe('workflows', () => {
  hostile(
    'workflows',
    'a billion-laughs YAML bomb of anchors and aliases',
    { guards: 'availability' },
    () => {
      const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++) {
        const prev = String.fromCharCode(96 + i);
        const name = String.fromCharCode(97 + i);
        levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
      }
      const started = performance.now();
      const [problem] = problemsOf(`${levels.join('\n')}\non: push\njobs: {}\n`);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(problem).toMatchObject({
        code: 'yaml-bomb',
        file: FILE,
        line: 1,
        message: expect.stringContaining('expand to more than'),
      });
    },
  );

  hostile('workflows', 'a 10,000-job matrix', { guards: 'availability' }, () => {
    const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(', ')}]`;
    const text = `on: push\njobs:\n  grid:\n    strategy:\n      matrix:\n        a: ${hundred}\n        b: ${hundred}\n    steps:\n      - run: echo hi\n`;
    const [problem] = problemsOf(text);
    expect(problem).toMatchObject({
      code: 'matrix-too-large',
      line: 6,
      column: 9,
      message: expect.stringMatching(/makes 10000 jobs .* the limit is 256/),
    });
  });

  hostile(
    'workflows',
    '${{ }} reaching for constructor.constructor, __proto__ and globals',
    { guards: 'security' },
    () => {
      const ctx = {
        contexts: { github: { ref: 'main' }, inputs: { x: 'constructor' } },
        status: { failed: false, cancelled: false },
      };
      for (const source of [
        "github['constructor']['constructor']('return globalThis')",
        "github[inputs.x][inputs.x]('1')",
        "inputs.x.constructor.constructor('return process')()",
      ])
        expect(() => evaluate(parseExpression(source), ctx)).toThrow(CiError);
      expect(evaluate(parseExpression('github.__proto__.polluted'), ctx)).toBe(null);
      expect(evaluate(parseExpression('fromJSON(\'{"__proto__":{"polluted":1}}\')'), ctx)).toEqual({
        ['__proto__']: { polluted: 1 },
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(() => parseExpression('a; process.exit()')).toThrow(
        /";" is not part of the expression language/,
      );
    },
  );

  hostile(
    'workflows',
    'a dispatch input carrying a newline and a labbook command',
    { guards: 'security' },
    async () => {
      const project = ciProject();
      const ci = createCiService({ port: project.runs, filesAt: project.filesAt, services: {} });
      await project.init();
      const wf = `on:\n  workflow_dispatch:\n    inputs:\n      msg: { description: text }\njobs:\n  a:\n    steps:\n      - run: echo \${{ inputs.msg }}\n`;
      const sha = await project.commit({ '.github/workflows/ci.yml': wf });
      const [run] = await (
        await ci.dispatch(
          PROJECT,
          'ci',
          { branch: 'main', sha },
          { msg: 'hi\nlabbook deploy prod --model x --version 1' },
        )
      ).finished;
      // The value stays one argument of echo: it is printed, never run.
      expect(run!.jobs[0]!.steps[0]!.log).toEqual([
        '$ echo ${{ inputs.msg }}',
        'hi\nlabbook deploy prod --model x --version 1',
      ]);
      expect(run!.status).toBe('success');
    },
  );

  hostile(
    'workflows',
    'a step that hangs: stopped at its limit, the other jobs report',
    { guards: 'availability', timeout: 10_000 },
    async () => {
      const project = ciProject();
      const ci = createCiService({ port: project.runs, filesAt: project.filesAt, services: {} });
      await project.init();
      const wf = `on: push\njobs:\n  hang:\n    steps:\n      - run: labbook test\n        timeout-minutes: 0.01\n  fine:\n    steps:\n      - run: echo ok\n`;
      const sha = await project.commit({
        'hang.test.js': "test('never', () => new Promise(() => {}), 60000);\n",
        '.github/workflows/ci.yml': wf,
      });
      const started = performance.now();
      const [run] = await (await ci.push(PROJECT, 'main', sha)).finished;
      expect(performance.now() - started).toBeLessThan(3000);
      expect(run!.jobs.map((j) => [j.key, j.status])).toEqual([
        ['hang', 'failure'],
        ['fine', 'success'],
      ]);
      expect(run!.jobs[0]!.steps[0]).toMatchObject({
        status: 'timed-out',
        error: expect.stringContaining('raise timeout-minutes'),
      });
      expect((await project.runs.run(run!.id))!.status).toBe('failure');
    },
  );

  hostile('workflows', 'needs that go round in a circle', { guards: 'clarity' }, () => {
    const [problem] = problemsOf(
      'on: push\njobs:\n  a:\n    needs: [b]\n    steps: [{ run: echo }]\n  b:\n    needs: a\n    steps: [{ run: echo }]\n',
    );
    expect(problem).toMatchObject({
      code: 'needs-cycle',
      line: 4,
      message: expect.stringContaining('a → b → a'),
    });
  });

  hostile(
    'workflows',
    'unknown actions from GitHub, unknown inputs, shell commands',
    { guards: 'clarity' },
    () => {
      const text =
        'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/setup-python@v5\n      - uses: labbook/test@v2\n      - run: rm -rf /\n';
      expect(problemsOf(text).map((p) => [p.line, p.code])).toEqual([
        [5, 'unknown-action'],
        [6, 'unknown-action'],
        [7, 'unknown-command'],
      ]);
      expect(problemsOf(text)[1]!.message).toContain('Did you mean "labbook/test@v1"?');
    },
  );

  hostile(
    'workflows',
    'a workflow file of 1 MB, and one that is not a mapping',
    { guards: 'availability' },
    () => {
      expect(problemsOf(`on: push\n#${'x'.repeat(1_000_000)}\n`)[0]!.message).toMatch(
        /limit is 262144/,
      );
      expect(problemsOf('"just a string"')[0]!.code).toBe('bad-field');
      expect(problemsOf('on: push\njobs:\n  "constructor":\n    steps: []\n')[0]!.message).toMatch(
        /at least one step/,
      );
    },
  );
});
