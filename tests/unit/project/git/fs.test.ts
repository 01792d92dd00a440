import { describe, expect, it } from 'vitest';
import { createGitFs } from '../../../../src/lib/project/git/fs';
import { MemoryProjectStorage } from '../../../../src/lib/project/memory-storage';

function fs() {
  const storage = new MemoryProjectStorage();
  return { storage, fs: createGitFs(storage, 'p').promises };
}

describe('the fs isomorphic-git runs on', () => {
  it('a write creates the missing folder rows and reads back as bytes or text', async () => {
    const { storage, fs: f } = fs();
    await f.writeFile('/src/lib/a.py', 'x = 1\n');
    expect(await storage.listPaths('p')).toEqual(['src', 'src/lib', 'src/lib/a.py']);
    expect(await f.readFile('/src/lib/a.py', 'utf8')).toBe('x = 1\n');
    expect(await f.readFile('/src/lib/a.py')).toEqual(new TextEncoder().encode('x = 1\n'));
    expect(await f.readdir('/')).toEqual(['src']);
    expect(await f.readdir('/src')).toEqual(['lib']);
    expect((await f.stat('/src')).isDirectory()).toBe(true);
    expect((await f.lstat('/src/lib/a.py')).size).toBe(6);
  });

  it('fails with the codes isomorphic-git reads', async () => {
    const { fs: f } = fs();
    await f.writeFile('/a.txt', 'a');
    await f.mkdir('/d');
    await f.writeFile('/d/x', 'x');
    await expect(f.readFile('/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(f.stat('/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(f.mkdir('/d')).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(f.mkdir('/missing/child')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(f.readdir('/a.txt')).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(f.writeFile('/a.txt/inside', 'x')).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(f.rmdir('/d')).rejects.toMatchObject({ code: 'ENOTEMPTY' });
    await expect(f.unlink('/d')).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(f.writeFile('/../escape', 'x')).rejects.toMatchObject({ code: 'EINVAL' });
    await f.unlink('/d/x');
    await f.rmdir('/d');
    expect(await f.readdir('/')).toEqual(['a.txt']);
  });

  it('moves mtime on even when a rewrite lands in the same millisecond', async () => {
    const { fs: f } = fs();
    await f.writeFile('/a', '1');
    const first = (await f.stat('/a')).mtimeMs;
    await f.writeFile('/a', '2');
    expect((await f.stat('/a')).mtimeMs).toBeGreaterThan(first);
  });
});
