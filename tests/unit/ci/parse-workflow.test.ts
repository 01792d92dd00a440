import { describe, expect, it } from 'vitest';
import { formatProblem, type CiProblem } from '../../../src/lib/ci/errors';
import { parseWorkflow } from '../../../src/lib/ci/parse-workflow';

const FILE = '.github/workflows/ci.yml';
const CI = `name: ci
on:
  push:
    branches: [main, 'feature/**']
  workflow_dispatch:
jobs:
  lint:
    runs-on: labbook
    steps:
      - uses: labbook/lint@v1
  test:
    needs: lint
    steps:
      - run: labbook test
`;

function problems(text: string): CiProblem[] {
  const parsed = parseWorkflow(text, FILE);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
}
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseWorkflow', () => {
  it('reads a valid workflow into its long form', () => {
    const parsed = parseWorkflow(CI, FILE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.workflow.name).toBe('ci');
    expect(parsed.workflow.jobs.test!.needs).toEqual(['lint']);
    expect(parsed.workflow.on.push?.branches).toEqual(['main', 'feature/**']);
    const short = parseWorkflow(
      'on: [push, workflow_dispatch]\njobs:\n  a:\n    steps:\n      - run: echo hi\n',
      '.github/workflows/short.yml',
    );
    expect(short.ok && short.workflow).toMatchObject({
      name: 'short',
      on: { push: null, workflow_dispatch: null },
    });
  });

  it('names file:line:column and a "did you mean" for an unknown key at every level', () => {
    const text = CI.replace('    needs: lint', '    nedds: lint').replace(
      '    runs-on: labbook',
      '    runs-on: labbook\n    stpes: []',
    );
    const found = problems(text);
    expect(found.map(formatProblem)).toEqual(
      expect.arrayContaining([
        `${FILE}:${lineOf(text, 'nedds')}:5 error unknown-key: Unknown key "nedds" in jobs.test. Did you mean "needs"? Expected one of: ${['name', 'runs-on', 'needs', 'if', 'env', 'strategy', 'outputs', 'timeout-minutes', 'continue-on-error', 'steps'].join(', ')}.`,
      ]),
    );
    const stepTypo = problems(CI.replace('      - run: labbook test', '      - rn: labbook test'));
    expect(stepTypo[0]).toMatchObject({
      code: 'unknown-key',
      line: lineOf(CI, 'run: labbook test'),
      column: 9,
      message: expect.stringContaining('Did you mean "run"?'),
    });
    const eventTypo = problems(CI.replace('  workflow_dispatch:', '  workflow_dispach:'));
    expect(eventTypo[0]).toMatchObject({
      code: 'unknown-key',
      line: lineOf(CI, 'workflow_dispatch'),
      message: expect.stringContaining('Did you mean "workflow_dispatch"?'),
    });
  });

  it('reports YAML syntax errors at their line and a missing on:', () => {
    const twice = problems('on: push\njobs: {}\non: push\n');
    expect(twice[0]).toMatchObject({
      code: 'bad-yaml',
      line: 3,
      column: 1,
      message: expect.stringContaining('unique'),
    });
    expect(problems('on: push\njobs:\n  a: [\n')[0]).toMatchObject({ code: 'bad-yaml', line: 4 });
    expect(problems('jobs:\n  a:\n    steps:\n      - run: echo\n')[0]).toMatchObject({
      code: 'missing-field',
      message: expect.stringContaining('needs "on"'),
    });
    expect(problems('on: push\njobs: {}\n')[0]!.message).toMatch(/at least one job/);
    expect(problems('- a\n- b\n')[0]!.code).toBe('bad-field');
  });

  it('finds cycles in needs and needs that name no job', () => {
    const cyclic = `on: push
jobs:
  a:
    needs: c
    steps: [{ run: echo a }]
  b:
    needs: a
    steps: [{ run: echo b }]
  c:
    needs: [b]
    steps: [{ run: echo c }]
`;
    const [cycle] = problems(cyclic);
    expect(cycle).toMatchObject({
      code: 'needs-cycle',
      line: 4,
      message: expect.stringContaining('a → c → b → a'),
    });
    const [unknown] = problems(CI.replace('needs: lint', 'needs: lnt'));
    expect(unknown).toMatchObject({
      code: 'unknown-job',
      line: lineOf(CI, 'needs: lint'),
      message: expect.stringContaining('Did you mean "lint"?'),
    });
  });

  it('refuses unknown actions, inputs and commands with the fix', () => {
    const [action] = problems(CI.replace('labbook/lint@v1', 'labbook/lnt@v1'));
    expect(action).toMatchObject({
      code: 'unknown-action',
      line: lineOf(CI, 'labbook/lint@v1'),
      message: expect.stringContaining('Did you mean "labbook/lint@v1"?'),
    });
    const input = CI.replace(
      '      - uses: labbook/lint@v1',
      '      - uses: labbook/lint@v1\n        with:\n          strick: true',
    );
    expect(problems(input)[0]).toMatchObject({
      code: 'unknown-input',
      line: lineOf(input, 'strick'),
      message: expect.stringContaining('Did you mean "strict"?'),
    });
    const missing = problems(CI.replace('labbook/lint@v1', 'labbook/pipeline-run@v1'));
    expect(missing[0]).toMatchObject({
      code: 'missing-input',
      message: expect.stringContaining('"config"'),
    });
    const command = problems(CI.replace('run: labbook test', 'run: labbook tset'));
    expect(command[0]).toMatchObject({
      code: 'unknown-command',
      message: expect.stringContaining('Did you mean "test"?'),
    });
    expect(problems(CI.replace('run: labbook test', 'run: npm test'))[0]!.message).toMatch(
      /"npm" is not a command the Labbook runs/,
    );
    expect(
      problems(CI.replace('run: labbook test', 'run: labbook lint --fix'))[0]!.message,
    ).toMatch(/takes no option "--fix"/);
  });

  it('checks expressions, cron lines and matrix sizes before anything runs', () => {
    const expr = CI.replace(
      '    needs: lint',
      "    needs: lint\n    if: ${{ github.ref == 'main' &&& x }}",
    );
    expect(problems(expr)[0]).toMatchObject({ code: 'bad-expression', line: lineOf(expr, 'if:') });
    const cron = CI.replace('  workflow_dispatch:', "  schedule:\n    - cron: '61 * * * *'");
    expect(problems(cron)[0]).toMatchObject({
      code: 'bad-cron',
      line: lineOf(cron, 'cron:'),
      message: expect.stringContaining('minute "61" is outside 0–59'),
    });
    const big = CI.replace(
      '    needs: lint',
      `    needs: lint\n    strategy:\n      matrix:\n        a: [${Array.from({ length: 100 }, (_, i) => i)}]\n        b: [${Array.from({ length: 100 }, (_, i) => i)}]`,
    );
    expect(problems(big)[0]).toMatchObject({
      code: 'matrix-too-large',
      line: lineOf(big, 'a: ['),
      message: expect.stringContaining('makes 10000 jobs'),
    });
  });
});
