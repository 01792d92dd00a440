import { beforeEach, describe, expect, it } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { LabServices } from '../../../src/lib/lab/services';
import { createGitService } from '../../../src/lib/project/git/service';
import { useNodeServices } from './node-services';

let kernel: KernelRuntime;
let services: LabServices;
async function run(source: string): Promise<string | undefined> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs[outputs.length - 1] as { text?: string; message?: string } | undefined;
  if (status !== 'ok') throw new Error(`cell failed: ${last?.message}`);
  return last?.text;
}
async function fails(source: string): Promise<string> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  expect(status).not.toBe('ok');
  return (outputs.find((o) => o.type === 'error') as { message: string }).message;
}

beforeEach(async () => {
  services = useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
  await run(
    "const p = await lab.project.create('taxi', { 'src/features.js': 'export const a = 1;\\n', 'config.yml': 'seed: 1\\nlr: 0.1\\n', '.gitignore': 'data/\\n', 'data/trips.csv': 'x\\n1\\n' });",
  );
});

describe('p.git in a cell', () => {
  it('documents every method of p.git, and nothing it lacks', async () => {
    const { LAB_DOCS } = await import('../../../src/lib/lab/docs');
    const { ProjectGit } = await import('../../../src/lib/lab/project-git');
    const methods = Object.getOwnPropertyNames(ProjectGit.prototype).filter(
      (k) => !['constructor', 'toString', 'inRepo'].includes(k),
    );
    const documented = Object.entries(LAB_DOCS.project.members)
      .filter(([, m]) => m.of === 'git')
      .map(([k]) => k.replace(/^git\./, ''));
    expect(documented.sort()).toEqual(methods.sort());
  });

  it('commits what add stages, leaves ignored data out, and names the author', async () => {
    await run('await p.git.init();');
    expect(await fails("await p.git.commit('feat: start');")).toMatch(/Git author/);
    await run("await p.git.setAuthor({ name: 'Ada', email: 'ada@example.org' });");
    expect(await run("JSON.stringify((await p.git.add('.')).sort())")).toBe(
      '[".gitignore","config.yml","src/features.js"]',
    );
    expect(await fails("await p.git.add('data/trips.csv')")).toMatch(/ignored by .gitignore/);
    await run("const { oid } = await p.git.commit('feat: start');");
    expect(await run('JSON.stringify(await p.git.files(oid))')).toBe(
      '[".gitignore","config.yml","src/features.js"]',
    );
    expect(
      await run("(await p.git.log())[0].author.name + ' ' + (await p.git.log())[0].subject"),
    ).toBe('Ada feat: start');
    expect(await run("await p.git.show('HEAD', 'config.yml')")).toBe('seed: 1\nlr: 0.1\n');
    expect(await run("String(await p.git.show('HEAD', 'nope.txt'))")).toBe('null');
    // The Git panel's service over the same storage sees the cell's commit: one repository.
    const panel = createGitService(services.projects.port, services.projects.git);
    const log = await panel.log(services.projects.active()!);
    expect(log.ok && log.value.entries.map((e) => e.subject)).toEqual(['feat: start']);
  });

  it('branches, merges with a conflict, refuses markers, commits two parents, tags and untags', async () => {
    await run(
      "await p.git.init(); await p.git.setAuthor({ name: 'Ada', email: 'ada@example.org' }); await p.git.add('.'); await p.git.commit('feat: start');",
    );
    await run(
      "await p.git.branch('feature/lr'); await p.git.checkout('feature/lr'); await p.write('config.yml', 'seed: 1\\nlr: 0.2\\n'); await p.git.add('config.yml'); await p.git.commit('feat: lr 0.2');",
    );
    await run(
      "await p.git.checkout('main'); await p.write('config.yml', 'seed: 1\\nlr: 0.05\\n'); await p.git.add('config.yml'); await p.git.commit('fix: lr 0.05');",
    );
    expect(await run("(await p.git.merge('feature/lr')).kind")).toBe('conflicts');
    expect(await run("await p.read('config.yml')")).toMatch(/<<<<<<< main/);
    expect(await fails("await p.git.add('config.yml'); await p.git.commit('merge')")).toMatch(
      /config\.yml:2 still has a conflict marker/,
    );
    await run(
      "await p.write('config.yml', 'seed: 1\\nlr: 0.1\\n'); await p.git.add('config.yml'); await p.git.commit('merge: feature/lr');",
    );
    expect(await run('(await p.git.log())[0].parents.length')).toBe('2');
    await run("await p.git.tag('v1.0.0', 'First release');");
    expect(await fails("await p.git.tag('v0.9.0', 'older')")).toMatch(/not newer than v1\.0\.0/);
    await run("await p.git.tag('v3.0.0', 'oops'); await p.git.deleteTag('v3.0.0');");
    expect(
      await run('JSON.stringify((await p.git.tags()).map((t) => [t.name, t.annotated]))'),
    ).toBe('[["v1.0.0",true]]');
    expect(await fails("await p.git.deleteTag('v9.9.9')")).toMatch(/There is no tag "v9\.9\.9"/);
  });
});
