import { beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../../src/lib/kernel/runtime';
import type { LabServices } from '../../../src/lib/lab/services';
import { drawTree } from '../../../src/lib/lab/project';
import { useNodeServices } from './node-services';

let kernel: KernelRuntime;
let services: LabServices;
async function run(source: string): Promise<Output & { text?: string; message?: string }> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs[outputs.length - 1] as Output & { text?: string; message?: string };
  if (status !== 'ok') throw new Error(`cell failed: ${last?.message}`);
  return last;
}
const text = async (source: string) => (await run(source)).text;

beforeEach(async () => {
  services = useNodeServices();
  kernel = createKernelRuntime();
  await kernel.reset();
});

describe('lab.project in a cell', () => {
  it('creates, writes, reads, moves, removes and lists files, storing mtimeMs', async () => {
    await run(
      "const p = await lab.project.create('taxi', { 'features.js': 'export const a = 1;' });",
    );
    await run(
      "await p.write('config.yml', 'seed: 42\\n'); await p.move('features.js', 'src/features.js');",
    );
    expect(await text('JSON.stringify(await p.files())')).toBe('["config.yml","src/features.js"]');
    expect(await text("await p.read('config.yml')")).toBe('seed: 42\n');
    await run("await p.remove('config.yml');");
    expect(await text('(await p.files()).length')).toBe('1');
    const row = await services.projects.port.getFile(
      services.projects.active()!,
      'src/features.js',
    );
    expect(row?.mtimeMs).toBeGreaterThan(0);
  });

  it('open() makes a project the active one; current() returns it', async () => {
    expect(await text('await lab.project.current()')).toBe('null');
    await run("await lab.project.create('one'); await lab.project.create('two');");
    await run("await lab.project.open('one');");
    const id = services.projects.active();
    expect((await services.projects.port.getProject(id!))?.name).toBe('one');
    expect(await text('(await lab.project.current()).name')).toBe('one');
    services.projects.setActive(null);
    expect(await text('await lab.project.current()')).toBe('null');
  });

  it('lists projects as a table and draws the tree', async () => {
    await run("const p = await lab.project.create('t', { 'src/a.js': '', 'README.md': '' });");
    expect((await run('await lab.project.list()')).type).toBe('table');
    expect(await run('await p.tree()')).toEqual({
      type: 'markdown',
      text: '```text\nt/\n  README.md\n  src/\n    a.js\n```',
    });
  });

  it('names what is wrong: an unknown project, a write of a non-string', async () => {
    await expect(run("await lab.project.open('nope')")).rejects.toThrow(
      'There is no project "nope". There are no projects yet',
    );
    await run("const p = await lab.project.create('t');");
    await expect(run("await p.write('a.json', { a: 1 })")).rejects.toThrow(
      'write(path, text) stores text; got object',
    );
  });
});

describe('drawTree', () => {
  it('fences the tree longer than any backtick run in a file name', () => {
    const tree = drawTree('p', [
      { projectId: 'x', path: 'a```b', kind: 'file', mode: 0, mtimeMs: 0 },
    ]);
    expect(tree).toBe('````text\np/\n  a```b\n````');
  });
});

describe('lab.project documentation', () => {
  it('documents every function of the namespace and of a handle', async () => {
    const { LAB_DOCS } = await import('../../../src/lib/lab/docs');
    const { ProjectHandle } = await import('../../../src/lib/lab/project');
    const namespace = (await text('Object.keys(lab.project).join()'))!.split(',');
    const handle = Object.getOwnPropertyNames(ProjectHandle.prototype).filter(
      (k) => k !== 'constructor' && k !== 'toString',
    );
    const documented = Object.entries(LAB_DOCS.project.members);
    expect(
      documented
        .filter(([, m]) => !m.of)
        .map(([k]) => k)
        .sort(),
    ).toEqual(namespace.sort());
    expect(
      documented
        .filter(([, m]) => m.of === 'project')
        .map(([k]) => k)
        .sort(),
    ).toEqual(handle.sort());
    expect(await text("lab.help('project')")).toContain('lab.project: Projects');
  });
});

describe('the active project, one owner', () => {
  it('lab.project.open() makes project: imports and lab.project.current() read the same project', async () => {
    const { followActiveProject } = await import('../../../src/lib/lab/project-services');
    const { projectSource } = await import('../../../src/lib/project/modules/project-source');
    followActiveProject(services.projects, (id) =>
      kernel.useProject(id === null ? null : projectSource(services.projects.port, id)),
    );
    await run("await lab.project.create('one', { 'src/a.js': 'export const x = 1;' });");
    await run("await lab.project.create('two', { 'src/a.js': 'export const x = 2;' });");
    await run("await lab.project.open('one');");
    expect(await text("import { x as first } from 'project:src/a.js';\nfirst")).toBe('1');
    expect(await text('(await lab.project.current()).name')).toBe('one');
    await run("await lab.project.open('two');");
    expect(await text("import { x as second } from 'project:src/a.js';\nsecond")).toBe('2');
  });
});

describe('dynamic import in a cell', () => {
  it('loads a bundled library and a project module through the same loader as static imports', async () => {
    const { followActiveProject } = await import('../../../src/lib/lab/project-services');
    const { projectSource } = await import('../../../src/lib/project/modules/project-source');
    followActiveProject(services.projects, (id) =>
      kernel.useProject(id === null ? null : projectSource(services.projects.port, id)),
    );
    await run("await lab.project.create('dyn', { 'src/a.js': 'export const x = 7;' });");
    expect(await text("const m = await import('project:src/a.js'); m.x * 6")).toBe('42');
    expect(await text("typeof (await import('arquero')).table")).toBe('function');
    expect(await text("const load = (p) => import(p); (await load('project:src/a.js')).x")).toBe(
      '7',
    );
  });
});

describe('p.importFresh', () => {
  it('runs the module and its imports anew, where project: imports keep their state', async () => {
    const { followActiveProject } = await import('../../../src/lib/lab/project-services');
    const { projectSource } = await import('../../../src/lib/project/modules/project-source');
    followActiveProject(services.projects, (id) =>
      kernel.useProject(id === null ? null : projectSource(services.projects.port, id)),
    );
    await run(
      "const p = await lab.project.create('fresh', { 'src/count.js': 'let n = 0;\\nexport const next = () => ++n;', 'src/use.js': \"import { next } from './count.js';\\nexport const twice = () => [next(), next()];\" });",
    );
    // The same module instance for every project: import, so the counter carries over...
    expect(await text("import { twice } from 'project:src/use.js';\ntwice().join()")).toBe('1,2');
    expect(await text("import { twice as again } from 'project:src/use.js';\nagain().join()")).toBe(
      '3,4',
    );
    // ...and none of it in a fresh import, of the module or of what it imports.
    expect(await text("(await p.importFresh('src/use.js')).twice().join()")).toBe('1,2');
    expect(await text("(await p.importFresh('project:src/use.js')).twice().join()")).toBe('1,2');
  });

  it("gives modules the cell's console and the yaml library; a missing file is named", async () => {
    await run(
      "const p = await lab.project.create('y', { 'src/config.js': \"import YAML from 'yaml';\\nexport const load = (t) => { console.log('parsing'); return YAML.parse(t); };\" });",
    );
    const { outputs } = await kernel.run(
      'c',
      "(await p.importFresh('src/config.js')).load('alpha: 2').alpha",
      () => undefined,
    );
    expect(outputs.map((o) => ('text' in o ? o.text : ''))).toEqual(['parsing', '2']);
    const missing = await kernel.run('c', "await p.importFresh('src/nope.js')", () => undefined);
    expect(missing.status).toBe('error');
    expect(JSON.stringify(missing.outputs)).toContain('src/nope.js');
  });
});

describe('p.lint and p.explain', () => {
  it("lint the project's JavaScript, Dockerfile and compose.yaml as the Problems panel does; explain maps instructions", async () => {
    await run(
      `const p = await lab.project.create('box', { 'src/a.js': 'export const f = () => undefinedName;\\n', 'Dockerfile': 'FROM python\\nCOPY . .\\nRUN pip install -r requirements.txt\\nEXPOSE 80\\nCMD ["uvicorn", "app:app"]\\n', 'compose.yaml': 'services:\\n  api:\\n    build: .\\n    ports: ["8000:8000"]\\n' });`,
    );
    const rules = JSON.parse(
      (await text(
        'JSON.stringify((await p.lint()).objects().map((d) => `${d.path}:${d.line} ${d.rule}`))',
      ))!,
    ) as string[];
    expect(rules).toEqual(
      expect.arrayContaining([
        'Dockerfile:1 docker/pinned-base',
        'Dockerfile:2 docker/deps-before-code',
        'Dockerfile:4 docker/expose-port',
        'src/a.js:1 no-undef',
      ]),
    );
    expect(rules.some((r) => r.endsWith('docker/non-root-user'))).toBe(true);
    expect(rules.some((r) => r.endsWith('docker/healthcheck'))).toBe(true);
    expect(
      await text('(await p.explain()).objects().map((i) => `${i.line} ${i.keyword}`).join()'),
    ).toBe('1 FROM,2 COPY,3 RUN,4 EXPOSE,5 CMD');
    expect(await text("(await p.explain()).get('labbook', 3)")).toMatch(/api\/student\/<project>/);
  });
});
