import { beforeEach, describe, expect } from 'vitest';
import { createKernelRuntime, type KernelRuntime } from '../../src/lib/kernel/runtime';
import type { LabServices } from '../../src/lib/lab/services';
import { useNodeServices } from '../unit/lab/node-services';
import { hostile } from './hostile';

let kernel: KernelRuntime;
let services: LabServices;

/** Runs a cell; its error message, or undefined when it ran. */
async function cell(source: string): Promise<string | undefined> {
  const { outputs } = await kernel.run('c', source, () => undefined);
  return (outputs.find((o) => o.type === 'error') as { message?: string } | undefined)?.message;
}
async function value(source: string): Promise<string | undefined> {
  const { outputs } = await kernel.run('c', source, () => undefined);
  return (outputs[outputs.length - 1] as { text?: string }).text;
}

beforeEach(async () => {
  services = useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
  await cell(
    "const p = await lab.project.create('taxi', { 'config.yml': 'lr: 0.1\\n', '.gitignore': 'data/\\n', 'data/a.csv': 'x\\n' });",
  );
});

const READY =
  "await p.git.init(); await p.git.setAuthor({ name: 'Ada', email: 'ada@example.org' }); await p.git.add('.'); await p.git.commit('feat: start');";

describe('lesson-git', () => {
  hostile('lesson-git', 'p.git.log() before p.git.init()', { guards: 'clarity' }, async () => {
    expect(await cell('await p.git.log()')).toMatch(/no Git repository|init/i);
  });

  hostile(
    'lesson-git',
    'p.git.rm with ../, /, .git and a number',
    { guards: 'security' },
    async () => {
      await cell(READY);
      expect(await cell("await p.git.rm('../outside')")).toMatch(/outside the project|\.\./);
      expect(await cell("await p.git.rm('/etc/passwd')")).toMatch(/absolute path/);
      expect(await cell("await p.git.rm('.git')")).toMatch(/\.git/);
      expect(await cell('await p.git.rm(42)')).toMatch(/A path must be text/);
      // Nothing left the index.
      expect(await value("JSON.stringify(await p.git.files('HEAD'))")).toBe(
        '[".gitignore","config.yml"]',
      );
    },
  );

  hostile(
    'lesson-git',
    'p.git.commit with null, a number and an object as message',
    { guards: 'clarity' },
    async () => {
      await cell(READY);
      await cell("await p.write('config.yml', 'lr: 0.2\\n'); await p.git.add('config.yml');");
      expect(await cell('await p.git.commit(null)')).toMatch(/message is empty/);
      expect(await cell('await p.git.commit(42)')).toMatch(/message is text/);
      expect(await cell('await p.git.commit({ toString: () => "feat: x" })')).toMatch(
        /message is text/,
      );
      expect(await value('(await p.git.log()).length')).toBe('1');
    },
  );

  hostile(
    'lesson-git',
    'p.git.show and p.git.files with a missing ref, a non-string ref and a path outside',
    { guards: 'clarity' },
    async () => {
      await cell(READY);
      expect(await cell("await p.git.show('nope', 'config.yml')")).toMatch(
        /"nope" is not a branch, tag or commit/,
      );
      expect(await cell("await p.git.files({ ref: 'main' })")).toMatch(
        /is not a branch, tag or commit/,
      );
      expect(await value("String(await p.git.show('HEAD', '../../etc/passwd'))")).toBe('null');
      expect(await value("String(await p.git.show('HEAD', 'data/a.csv'))")).toBe('null');
    },
  );

  hostile(
    'lesson-git',
    'p.git.deleteTag of a tag that does not exist, and of a branch name',
    { guards: 'data' },
    async () => {
      await cell(READY);
      await cell("await p.git.tag('v1.0.0', 'first');");
      expect(await cell("await p.git.deleteTag('main')")).toMatch(
        /There is no tag "main"\. The tags are: v1\.0\.0/,
      );
      expect(await cell("await p.git.deleteTag('../v1.0.0')")).toMatch(/There is no tag/);
      expect(await value('JSON.stringify((await p.git.branches()).all)')).toBe('["main"]');
    },
  );

  hostile(
    'lesson-git',
    'p.git.setAuthor with a newline, angle brackets and no email',
    { guards: 'security' },
    async () => {
      await cell('await p.git.init();');
      expect(
        await cell("await p.git.setAuthor({ name: 'Ada\\ncommitter Eve', email: 'a@b.c' })"),
      ).toMatch(/line break/);
      expect(await cell("await p.git.setAuthor({ name: 'Ada <evil>', email: 'a@b.c' })")).toMatch(
        /"<" or ">"/,
      );
      expect(await cell("await p.git.setAuthor({ name: 'Ada' })")).toMatch(/name and email/);
      expect(await value('String(await p.git.author())')).toBe('undefined');
    },
  );

  hostile(
    'lesson-git',
    'ten Git operations started at once from one cell',
    { guards: 'data' },
    async () => {
      await cell(READY);
      const error = await cell(
        "await Promise.all(Array.from({ length: 10 }, (_, i) => p.git.branch('feature/b' + i)));",
      );
      expect(error).toBeUndefined();
      expect(await value('(await p.git.branches()).all.length')).toBe('11');
      // The index survived: the repository still commits.
      await cell(
        "await p.write('config.yml', 'lr: 0.3\\n'); await p.git.add('.'); await p.git.commit('fix: lr');",
      );
      expect(await value('(await p.git.log("main")).length')).toBe('2');
    },
  );

  hostile(
    'lesson-git',
    "p.git.add('.') with an ignored folder, and naming an ignored file",
    { guards: 'data' },
    async () => {
      await cell(
        "await p.git.init(); await p.git.setAuthor({ name: 'Ada', email: 'ada@example.org' });",
      );
      expect(await value("JSON.stringify((await p.git.add('.')).sort())")).toBe(
        '[".gitignore","config.yml"]',
      );
      expect(await cell("await p.git.add('data/a.csv')")).toMatch(/ignored by \.gitignore/);
      expect(await value("await p.read('data/a.csv')")).toBe('x\n');
    },
  );

  hostile(
    'lesson-git',
    'a cell replacing p.git methods and the handle’s git getter',
    { guards: 'security' },
    async () => {
      await cell(READY);
      await cell(
        "try { Object.getPrototypeOf(p.git).log = async () => []; } catch {} try { Object.defineProperty(Object.getPrototypeOf(p), 'git', { get: () => null }); } catch {}",
      );
      expect(await value('(await (await lab.project.current()).git.log()).length')).toBe('1');
      expect(services.projects.active()).toBeTruthy();
    },
  );
});
