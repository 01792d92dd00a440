import { describe, expect, it } from 'vitest';
import { ProjectFiles } from '../../../src/lib/project/files';
import { MemoryProjectStorage } from '../../../src/lib/project/memory-storage';

function setup() {
  let id = 0;
  let clock = 1000;
  return new ProjectFiles(new MemoryProjectStorage(), {
    newId: () => `p${++id}`,
    now: () => ++clock,
  });
}
const paths = async (files: ProjectFiles, id: string) => (await files.tree(id)).map((r) => r.path);

describe('project files', () => {
  it('creates a project with its folders and reads the text back', async () => {
    const files = setup();
    const p = await files.create('taxi', { 'src/features.js': 'export const a = 1;\n' });
    expect(await paths(files, p.id)).toEqual(['src', 'src/features.js']);
    expect(await files.readText(p.id, './src//features.js')).toBe('export const a = 1;\n');
    await expect(files.create('taxi')).rejects.toMatchObject({ code: 'exists' });
    await expect(files.create('../x')).rejects.toMatchObject({ code: 'bad-name' });
  });

  it('moves a folder with everything in it and never overwrites', async () => {
    const files = setup();
    const p = await files.create('t', { 'src/a.js': 'a', 'src/lib/b.js': 'b', 'other.js': 'o' });
    await files.move(p.id, 'src', 'pkg/src');
    expect(await paths(files, p.id)).toEqual([
      'other.js',
      'pkg',
      'pkg/src',
      'pkg/src/a.js',
      'pkg/src/lib',
      'pkg/src/lib/b.js',
    ]);
    await expect(files.move(p.id, 'other.js', 'pkg/src/a.js')).rejects.toMatchObject({
      code: 'exists',
    });
    expect(await files.readText(p.id, 'other.js')).toBe('o');
    await expect(files.move(p.id, 'pkg', 'pkg/inner')).rejects.toMatchObject({ code: 'bad-path' });
  });

  it('refuses a file inside a file and a file over a folder', async () => {
    const files = setup();
    const p = await files.create('t', { 'a.js': 'a', 'src/b.js': 'b' });
    await expect(files.write(p.id, 'a.js/c.js', 'x')).rejects.toMatchObject({
      code: 'not-a-folder',
    });
    await expect(files.write(p.id, 'src', 'x')).rejects.toMatchObject({ code: 'is-a-folder' });
    await expect(files.write(p.id, '.git/config', 'x')).rejects.toMatchObject({ code: 'reserved' });
  });

  it('deletes a folder recursively and keeps .git out of the tree', async () => {
    const files = setup();
    const p = await files.create('t', { 'src/a.js': 'a', 'keep.md': 'k' });
    expect(await files.remove(p.id, 'src')).toEqual(['src', 'src/a.js']);
    expect(await paths(files, p.id)).toEqual(['keep.md']);
    await expect(files.remove(p.id, 'src')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a file over the size limit without storing any of it', async () => {
    const files = setup();
    const p = await files.create('t');
    await expect(
      files.write(p.id, 'big.bin', new Uint8Array(9 * 1024 * 1024)),
    ).rejects.toMatchObject({
      code: 'too-large',
    });
    expect(await paths(files, p.id)).toEqual([]);
  });
});
