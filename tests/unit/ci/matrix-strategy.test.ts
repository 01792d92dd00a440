import { describe, expect, it } from 'vitest';
import { createCiService } from '../../../src/lib/ci/ci-service';
import { ciProject, PROJECT } from './project-fixture';

const TESTS = {
  'a.test.js': "test('a', () => expect(1).to.equal(1));\n",
  'b.test.js': "test('b', () => expect(1).to.equal(2));\n",
  'c.test.js': "test('c', () => expect(3).to.equal(3));\n",
};
const workflow = (strategy: string) => `on: push
jobs:
  test:
    strategy:
${strategy}
      matrix:
        file: [b.test.js, a.test.js, c.test.js]
    steps:
      - run: labbook test \${{ matrix.file }}
`;

async function push(strategy: string) {
  const project = ciProject();
  const ci = createCiService({ port: project.runs, filesAt: project.filesAt, services: {} });
  await project.init();
  const sha = await project.commit({ ...TESTS, '.github/workflows/ci.yml': workflow(strategy) });
  const [run] = await (await ci.push(PROJECT, 'main', sha)).finished;
  return run!;
}

describe('strategy.fail-fast and max-parallel', () => {
  it('one at a time, the first failure cancels the combinations not yet run (fail-fast by default)', async () => {
    const run = await push('      max-parallel: 1');
    expect(run.status).toBe('failure');
    expect(run.jobs.map((j) => [j.key, j.status])).toEqual([
      ['test (b.test.js)', 'failure'],
      ['test (a.test.js)', 'cancelled'],
      ['test (c.test.js)', 'cancelled'],
    ]);
    expect(run.jobs[1]!.error).toMatch(
      /^Cancelled: test \(b\.test\.js\) failed and the matrix is fail-fast /,
    );
  });

  it('without fail-fast every combination runs; max-parallel: 1 runs them one after another', async () => {
    const run = await push('      fail-fast: false\n      max-parallel: 1');
    expect(run.jobs.map((j) => j.status)).toEqual(['failure', 'success', 'success']);
    for (let i = 1; i < run.jobs.length; i++) {
      const before = run.jobs[i - 1]!;
      expect(run.jobs[i]!.startedAt!).toBeGreaterThanOrEqual(
        before.startedAt! + before.durationMs!,
      );
    }
  });

  it('without max-parallel the combinations run together', async () => {
    const run = await push('      fail-fast: false');
    const [first, second] = run.jobs;
    // The second started before the first finished: they overlapped.
    expect(second!.startedAt!).toBeLessThan(first!.startedAt! + first!.durationMs!);
  });
});
