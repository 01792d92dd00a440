import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';
import type { ProjectStoragePort } from '../../../src/lib/project/storage-port';
import { DIR_MODE, FILE_MODE, type ProjectFileRow } from '../../../src/lib/project/types';
import { DB_NAME, dexieProjectPort, openStore } from '../../../src/lib/store';

const file = (path: string, text = path): ProjectFileRow => ({
  projectId: 'p1',
  path,
  kind: 'file',
  bytes: new TextEncoder().encode(text),
  mode: FILE_MODE,
  mtimeMs: 1,
});
const dir = (path: string): ProjectFileRow => ({
  projectId: 'p1',
  path,
  kind: 'dir',
  mode: DIR_MODE,
  mtimeMs: 1,
});

const ports: [string, () => Promise<ProjectStoragePort>][] = [
  ['memory', async () => new MemoryProjectStorage()],
  ['dexie', async () => dexieProjectPort(await openStore())],
];

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe.each(ports)('%s project storage', (_name, open) => {
  it('lists a folder without its look-alike sibling and deletes atomically', async () => {
    const port = await open();
    await port.putProject({ id: 'p1', name: 'taxi', createdAt: 1, updatedAt: 1 });
    await port.writeFiles('p1', {
      put: [
        dir('src'),
        file('src/a.js'),
        file('src/b/c.js'),
        file('src-old/a.js'),
        file('README.md'),
      ],
    });
    expect(await port.listPaths('p1', 'src')).toEqual(['src', 'src/a.js', 'src/b/c.js']);
    expect(await port.listPaths('p1')).toEqual([
      'README.md',
      'src',
      'src-old/a.js',
      'src/a.js',
      'src/b/c.js',
    ]);
    await port.writeFiles('p1', { remove: ['src/a.js'], put: [file('lib/a.js', 'moved')] });
    expect(new TextDecoder().decode((await port.getFile('p1', 'lib/a.js'))!.bytes)).toBe('moved');
    expect(await port.getFile('p1', 'src/a.js')).toBeUndefined();
    await port.deleteProject('p1');
    expect(await port.listPaths('p1')).toEqual([]);
    expect(await port.listProjects()).toEqual([]);
  });

  it('does not let a reader change stored bytes', async () => {
    const port = await open();
    await port.writeFiles('p1', { put: [file('a.txt', 'abc')] });
    const row = (await port.getFile('p1', 'a.txt'))!;
    row.bytes![0] = 0;
    expect(new TextDecoder().decode((await port.getFile('p1', 'a.txt'))!.bytes)).toBe('abc');
  });
});
