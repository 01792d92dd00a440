import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectFiles } from '../../../src/lib/project/files';
import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';
import {
  exportProjectZip,
  importProjectZip,
  readProjectZip,
} from '../../../src/lib/project/project-zip';

const text = (s: string) => new TextEncoder().encode(s);

function setup() {
  const port = new MemoryProjectStorage();
  return { port, files: new ProjectFiles(port) };
}

describe('project zip export', () => {
  it('holds the visible files and empty folders, never .git, and imports back the same', async () => {
    const { port, files } = setup();
    const p = await files.create('taxi', { 'src/features.js': 'export {}', 'README.md': '# T' });
    await files.createFolder(p.id, 'data/raw');
    await port.writeFiles(p.id, {
      put: [
        {
          projectId: p.id,
          path: '.git/HEAD',
          kind: 'file',
          bytes: text('ref'),
          mode: 0o100644,
          mtimeMs: 1,
        },
      ],
    });
    const zip = await exportProjectZip(files, p.id);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([
      'README.md',
      'data/raw/',
      'src/features.js',
    ]);

    const report = await importProjectZip(files, port, zip, 'taxi.zip');
    expect(report.project.name).toBe('taxi-2');
    expect(report.skipped).toEqual([]);
    expect(await port.listPaths(report.project.id)).toEqual([
      'README.md',
      'data',
      'data/raw',
      'src',
      'src/features.js',
    ]);
    expect(await files.readText(report.project.id, 'src/features.js')).toBe('export {}');
  });
});

describe('project zip import', () => {
  it('skips escaping and unportable paths with a reason per entry, and keeps the rest', async () => {
    const { port, files } = setup();
    const zip = zipSync({
      '../evil.js': text('x'),
      '/etc/passwd': text('x'),
      'C:/win.js': text('x'),
      'a\\b.js': text('x'),
      'ok.js': text('export const ok = 1;'),
    });
    const report = await importProjectZip(files, port, zip, 'mixed.zip');
    expect(report.imported).toEqual([{ path: 'ok.js' }]);
    expect(report.skipped.map((s) => s.path).sort()).toEqual(
      ['../evil.js', '/etc/passwd', 'C:/win.js', 'a\\b.js'].sort(),
    );
    expect(report.skipped.find((s) => s.path === '../evil.js')?.reason).toContain(
      'points outside the project',
    );
    expect(report.skipped.find((s) => s.path === 'a\\b.js')?.reason).toContain('"\\"');
    expect(await port.listPaths(report.project.id)).toEqual(['ok.js']);
  });

  it('keeps a broken or binary file as-is and says so; nothing runs', async () => {
    const zip = zipSync({
      'src/broken.js': text('export const = ;\nglobalThis.ran = true;'),
      'bad.json': text('{ "a": '),
      'logo.png': new Uint8Array([0x89, 0x50, 0xff, 0xfe]),
    });
    const contents = readProjectZip(zip, 'p.zip');
    expect(contents.imported).toEqual([
      { path: 'bad.json', note: expect.stringContaining('is not valid JSON') },
      { path: 'logo.png', note: expect.stringContaining('not UTF-8 text') },
      {
        path: 'src/broken.js',
        note: expect.stringMatching(/^does not parse \(src\/broken\.js:1:14: /),
      },
    ]);
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    expect([...contents.files['logo.png']!]).toEqual([0x89, 0x50, 0xff, 0xfe]);
  });

  it('skips .git as a whole with one message, and strips a GitHub-style top folder', () => {
    const zip = zipSync({
      'taxi-main/.git/HEAD': text('ref: refs/heads/main'),
      'taxi-main/.git/objects/ab': new Uint8Array([1, 2]),
      'taxi-main/src/a.js': text(''),
    });
    const contents = readProjectZip(zip, 'download.zip');
    expect(contents.name).toBe('taxi-main');
    expect(Object.keys(contents.files)).toEqual(['src/a.js']);
    expect(contents.skipped).toEqual([
      {
        path: '.git/',
        reason: expect.stringContaining('.git folder (2 entries) was not imported'),
      },
    ]);
  });

  it('refuses a file and a folder of one name instead of losing one', () => {
    const zip = zipSync({ a: text('file'), 'a/b.js': text('inside') });
    const contents = readProjectZip(zip, 'p.zip');
    expect(Object.keys(contents.files)).toEqual(['a']);
    expect(contents.skipped).toEqual([
      { path: 'a/b.js', reason: expect.stringContaining('already taken') },
    ]);
  });

  it('refuses what is not a zip, naming the file', () => {
    expect(() => readProjectZip(text('hello'), 'notes.zip')).toThrow(
      'notes.zip: This is not a project zip: it is not a zip file. Nothing was imported.',
    );
  });

  it('makes a valid project name from any file name', () => {
    expect(readProjectZip(zipSync({ 'a.js': text('') }), '<b>My Project</b>.zip').name).toBe(
      'b-My-Project-b-',
    );
  });
});
