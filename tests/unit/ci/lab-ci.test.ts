import { beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { LabServices } from '../../../src/lib/lab/services';
import { createGitService } from '../../../src/lib/project/git/service';
import { unwrap } from '../../../src/lib/project/git/settled';
import { useNodeServices } from '../lab/node-services';
import { memoryCiRunPort } from '../../../src/lib/ci/run-port';
import { createCiService } from '../../../src/lib/ci/ci-service';
import { filesAtCommit, headOf } from '../../../src/lib/ci/commit-files';
import { openRepo } from '../../../src/lib/project/git/repo';

let kernel: KernelRuntime;
let services: LabServices;
type Out = Output & { text?: string; message?: string };
async function run(source: string): Promise<{ status: string; outputs: Out[] }> {
  return (await kernel.run('c', source, () => undefined)) as { status: string; outputs: Out[] };
}

const WORKFLOW = `name: ci
on:
  push:
    branches: [main]
  workflow_dispatch:
  schedule:
    - cron: '0 6 * * *'
  repository_dispatch:
    types: [alert]
jobs:
  test:
    steps:
      - run: labbook test
`;

beforeEach(async () => {
  services = useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
});

describe('lab.ci in a cell', () => {
  it("push, dispatch, clock and alert run the active project's workflow on its HEAD", async () => {
    expect((await run('await lab.ci.push()')).outputs.at(-1)!.message).toMatch(
      /no project is open/,
    );
    const created = await run(
      `const p = await lab.project.create('demo', { 'a.test.js': "test('a', () => expect(1).to.equal(1));", '.github/workflows/ci.yml': ${JSON.stringify(WORKFLOW)} });`,
    );
    expect(created.status).toBe('ok');
    expect((await run('await lab.ci.push()')).outputs.at(-1)!.message).toMatch(
      /no commit on a branch yet/,
    );
    const projectId = services.projects.active()!;
    const git = createGitService(services.projects.port, {
      readAuthor: async () => ({ name: 'Ada', email: 'ada@example.org' }),
      writeAuthor: async () => undefined,
      requireConventional: async () => false,
    });
    unwrap(await git.init(projectId));
    unwrap(await git.stage(projectId, ['a.test.js', '.github/workflows/ci.yml']));
    unwrap(await git.commit(projectId, 'feat: ci'));

    const pushed = await run('const runs = await lab.ci.push(); runs.map((r) => r.status).join()');
    expect(pushed.outputs.map((o) => o.text)).toEqual([
      expect.stringContaining('| ci | push | success | test: success |'),
      'success',
    ]);
    const dispatched = await run("(await lab.ci.dispatch('ci')).event.name");
    expect(dispatched.outputs.at(-1)!.text).toBe('workflow_dispatch');
    const day = await run('(await lab.ci.advanceClock(24 * 3600 * 1000)).length');
    expect(day.outputs.at(-1)!.text).toBe('1');
    const alerted = await run(
      "(await lab.ci.alert('alert', { reason: 'drift' }))[0].event.payload.reason",
    );
    expect(alerted.outputs.at(-1)!.text).toBe('drift');
    expect((await run('(await lab.ci.runs()).length')).outputs.at(-1)!.text).toBe('4');
    expect((await run("await lab.ci.dispatch('cj')")).outputs.at(-1)!.message).toMatch(
      /Did you mean "ci"\?/,
    );
  });

  it('a push of a commit the remote has starts nothing and says so; an alert sent again by the same cell replaces its run', async () => {
    kernel.setLesson('ci-lesson');
    services.ci = memoryCiRunPort();
    await run(
      `const p = await lab.project.create('demo', { 'a.test.js': "test('a', () => expect(1).to.equal(1));", '.github/workflows/ci.yml': ${JSON.stringify(WORKFLOW)} });`,
    );
    const projectId = services.projects.active()!;
    const git = createGitService(services.projects.port, {
      readAuthor: async () => ({ name: 'Ada', email: 'ada@example.org' }),
      writeAuthor: async () => undefined,
      requireConventional: async () => false,
    });
    unwrap(await git.init(projectId));
    unwrap(await git.stage(projectId, ['a.test.js', '.github/workflows/ci.yml']));
    unwrap(await git.commit(projectId, 'feat: ci'));
    const push = (cell: string) =>
      kernel.run(cell, '(await lab.ci.push()).length', () => undefined) as Promise<{
        outputs: Out[];
      }>;
    expect((await push('push')).outputs.at(-1)!.text).toBe('1');
    // Again, from the same cell or another: the remote has the commit (git's answer).
    for (const cell of ['push', 'other']) {
      const again = await push(cell);
      expect(again.outputs[0]!.text).toMatch(
        /^Everything up-to-date: the remote's `main` has \w{7} already/,
      );
      expect(again.outputs.at(-1)!.text).toBe('0');
    }
    const alert = (cell: string) =>
      kernel.run(cell, "(await lab.ci.alert('alert')).length", () => undefined);
    await alert('alert');
    await alert('alert');
    await alert('alert');
    const runs = async () =>
      (
        await kernel.run(
          'n',
          '(await lab.ci.runs()).map((r) => r.event.name).join()',
          () => undefined,
        )
      ).outputs.at(-1) as Out;
    // One push, and the alert cell's latest run: each re-run replaced the one before.
    expect((await runs()).text).toBe('repository_dispatch,push');
    const [latest] = await services.ci!.runs(projectId);
    expect(latest!.source).toMatchObject({ lessonId: 'ci-lesson', cellId: 'alert' });
    // Another cell's alert is its own, and so is one sent by hand (the CI panel's service, over
    // the same store, starts runs with no cell): the alert cell run again replaces neither.
    await alert('second-alert');
    const byHand = createCiService({
      port: services.ci!,
      filesAt: (id, sha) => filesAtCommit(openRepo(services.projects.port, id), sha),
      services: {},
    });
    const head = await headOf(openRepo(services.projects.port, projectId));
    await (
      await byHand.alert(projectId, 'alert', head!)
    ).finished;
    await alert('alert');
    expect((await runs()).text).toBe(
      'repository_dispatch,repository_dispatch,repository_dispatch,push',
    );
    expect((await services.ci!.runs(projectId)).filter((r) => !r.source)).toHaveLength(2);
    // A new commit reaches the remote: the push starts its workflows again.
    await run("await p.write('b.txt', 'b')");
    unwrap(await git.stage(projectId, ['b.txt']));
    unwrap(await git.commit(projectId, 'feat: b'));
    expect((await push('push')).outputs.at(-1)!.text).toBe('1');
  });
});
