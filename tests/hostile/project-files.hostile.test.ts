import { zipSync } from 'fflate';
import { beforeEach, describe, expect } from 'vitest';
import type { Output } from '../../src/lib/kernel/outputs';
import { createKernelRuntime, type KernelRuntime } from '../../src/lib/kernel/runtime';
import { createProjectServices } from '../../src/lib/lab/project-services';
import { checkAll, formatLessonError } from '../../src/lib/lessons';
import { ProjectFiles } from '../../src/lib/project/files';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import { importProjectZip, readProjectZip } from '../../src/lib/project/project-zip';
import { useNodeServices } from '../unit/lab/node-services';
import { FullDiskPort } from '../unit/project/full-disk-port';
import { hostile } from './hostile';
import { declareSize } from './workspace-zips';

const text = (s: string) => new TextEncoder().encode(s);
let kernel: KernelRuntime;
let port: MemoryProjectStorage;

/** Runs a cell; its last output (an error's message, or the value's text). */
async function cell(source: string): Promise<{ status: string; text: string }> {
  const { outputs, status } = await kernel.run('c', source, () => undefined);
  const last = outputs[outputs.length - 1] as
    (Output & { text?: string; message?: string }) | undefined;
  return { status, text: last?.message ?? last?.text ?? '' };
}

beforeEach(async () => {
  const services = useNodeServices();
  port = new FullDiskPort();
  services.projects = createProjectServices(port);
  kernel = createKernelRuntime();
  await kernel.reset();
  await cell("globalThis.p = await lab.project.create('taxi', { 'a.js': 'mine' });");
});

/** Every file of the project, to prove a refused call changed nothing. */
const stored = async () =>
  (await port.listFiles((await port.listProjects())[0]!.id)).map((r) => [
    r.path,
    r.bytes && [...r.bytes],
  ]);

describe('project files through lab.project', () => {
  const refused: [string, string, RegExp][] = [
    [
      'a path with ../ that would leave the project',
      '../outside.js',
      /uses "\.\.", which would leave the project/,
    ],
    ['a path inside .git', '.git/config', /inside \.git, which Git itself manages/],
    ['an absolute path', '/etc/passwd', /is an absolute path/],
    ['a NUL in a file name', 'a\\u0000b.js', /a control character \(U\+0000\)/],
    [
      'a 10,000-character file name',
      'x'.repeat(10_000),
      /is 10000 characters long; the limit is 128/,
    ],
  ];
  for (const [what, path, reason] of refused)
    hostile('project-files', `lab.project write: ${what}`, { guards: 'security' }, async () => {
      const before = await stored();
      const { status, text: message } = await cell(
        `await p.write(${JSON.stringify(path).replace('\\\\u0000', '\\u0000')}, 'evil')`,
      );
      expect(status).toBe('error');
      expect(message).toMatch(reason);
      expect(message.length).toBeLessThan(1000);
      expect(await stored()).toEqual(before);
    });

  hostile(
    'project-files',
    'lab.project: __proto__ and constructor are plain file names',
    { guards: 'security' },
    async () => {
      expect(
        (
          await cell(
            "await p.write('__proto__', 'a'); await p.write('constructor', 'b'); await p.write('src/__proto__/x.js', 'c'); await p.read('__proto__') + await p.read('constructor')",
          )
        ).text,
      ).toBe('ab');
      expect((await cell('JSON.stringify(await p.files())')).text).toBe(
        '["__proto__","a.js","constructor","src/__proto__/x.js"]',
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      const made = await cell(
        'const q = await lab.project.create(\'proto\', JSON.parse(\'{"__proto__": "x", "constructor": "y"}\')); JSON.stringify(await q.files())',
      );
      expect(made.text).toBe('["__proto__","constructor"]');
    },
  );

  hostile(
    'project-files',
    'lab.project: a project name with HTML',
    { guards: 'security' },
    async () => {
      const { status, text: message } = await cell(
        "await lab.project.create('<img src=x onerror=alert(1)>')",
      );
      expect(status).toBe('error');
      expect(message).toContain('is not a valid project name');
      expect(await port.listProjects()).toHaveLength(1);
      expect((await cell("await lab.project.open('<script>')")).text).toContain(
        'There is no project "<script>". Projects: taxi.',
      );
    },
  );

  hostile('project-files', 'lab.project: a quota error mid-write', { guards: 'data' }, async () => {
    const before = await stored();
    (port as FullDiskPort).full = true;
    const { status, text: message } = await cell(
      "await p.write('a.js', 'lost?'); await p.write('b.js', 'x')",
    );
    expect(status).toBe('error');
    expect(message).toContain('Your browser storage is full, so the last change was not saved');
    (port as FullDiskPort).full = false;
    expect(await stored()).toEqual(before);
  });
});

describe('project zips', () => {
  hostile(
    'project-files',
    'a zip-slip zip (../, absolute, drive letter, backslashes)',
    { guards: 'security' },
    async () => {
      const zip = zipSync({
        '../../etc/cron.d/evil': text('x'),
        '/abs.js': text('x'),
        'D:/x.js': text('x'),
        '..\\..\\win.js': text('x'),
        'src\\a.js': text('x'),
        'src/ok.js': text('ok'),
      });
      const files = new ProjectFiles(port);
      const report = await importProjectZip(files, port, zip, 'slip.zip');
      expect(await port.listPaths(report.project.id)).toEqual(['src', 'src/ok.js']);
      expect(report.skipped).toHaveLength(5);
      for (const s of report.skipped) expect(s.reason).toMatch(/outside the project|cannot hold/);
    },
  );

  hostile(
    'project-files',
    'a zip bomb (16 MB of zeros declared as 1 KB)',
    { guards: 'availability', timeout: 30_000 },
    async () => {
      const bomb = declareSize(zipSync({ 'a.js': new Uint8Array(16 * 1024 ** 2) }), 'a.js', 1000);
      expect(bomb.length).toBeLessThan(1024 ** 2);
      const before = await port.listProjects();
      await expect(
        importProjectZip(new ProjectFiles(port), port, bomb, 'bomb.zip'),
      ).rejects.toMatchObject({
        code: 'bad-zip',
        message: expect.stringMatching(
          /^bomb\.zip: The zip entry "a\.js" declares 1\.0 KB but expands to more; refused as a zip bomb\./,
        ),
      });
      expect(await port.listProjects()).toEqual(before);
    },
  );

  hostile(
    'project-files',
    'a zip declaring 300 MB, over the project budget, is refused before inflating',
    { guards: 'availability' },
    () => {
      const big = declareSize(zipSync({ 'data.csv': text('a,b\n') }), 'data.csv', 300 * 1024 ** 2);
      expect(() => readProjectZip(big, 'big.zip')).toThrow(
        /^big\.zip: The zip entry "data\.csv" expands to 314\.6 MB, more than the 268\.4 MB left/,
      );
    },
  );

  hostile(
    'project-files',
    'a zip with 100,000 entries',
    { guards: 'availability', timeout: 30_000 },
    async () => {
      const entries: Record<string, Uint8Array> = {};
      for (let i = 0; i < 100_000; i++) entries[`f${i}`] = new Uint8Array();
      const zip = zipSync(entries, { level: 0 });
      const started = performance.now();
      expect(() => readProjectZip(zip, 'many.zip')).toThrow(
        /^many\.zip: The zip (has [\d,]+ entries; a project zip has at most 10,000|uses the ZIP64 format)/,
      );
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );
});

describe('lesson starter projects', () => {
  hostile(
    'project-files',
    'a lesson seed with a bad path is a lessons:check error naming the file',
    { guards: 'clarity' },
    () => {
      const source = '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n';
      const { errors } = checkAll([
        {
          file: 'lessons/16-a/lesson.md',
          source,
          project: [
            { path: '../escape.js', bytes: text('') },
            { path: 'src/a\u0000.js', bytes: text('') },
            { path: '.git/hooks/post-checkout', bytes: text('rm -rf /') },
          ],
        },
      ]);
      expect(errors.map(formatLessonError)).toEqual([
        expect.stringMatching(
          /^lessons\/16-a\/project\/\.\.\/escape\.js:1:1 error LESSON_SEED_BAD_PATH: .*would leave the project/,
        ),
        expect.stringMatching(
          /^lessons\/16-a\/project\/src\/a\\u0000\.js:1:1 error LESSON_SEED_BAD_PATH: .*control character \(U\+0000\)/,
        ),
        expect.stringMatching(
          /^lessons\/16-a\/project\/\.git\/hooks\/post-checkout:1:1 error LESSON_SEED_BAD_PATH: .*inside \.git/,
        ),
      ]);
    },
  );
});
