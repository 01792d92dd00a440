import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ProjectFiles } from '../../../src/lib/project/files';
import { importProjectZip } from '../../../src/lib/project/project-zip';
import { ensureLessonProject } from '../../../src/lib/project/seed';
import { FullDiskPort } from './full-disk-port';

const QUOTA = {
  name: 'StoreError',
  code: 'quota',
  message: expect.stringContaining('storage is full'),
};

async function snapshot(port: FullDiskPort) {
  const projects = await port.listProjects();
  const files = await Promise.all(projects.map((p) => port.listFiles(p.id)));
  return { projects, files };
}

describe('a full disk (QuotaExceededError) while writing a project', () => {
  it('a file write: the quota message, and the file as it was', async () => {
    const port = new FullDiskPort();
    const files = new ProjectFiles(port);
    const p = await files.create('taxi', { 'a.js': 'old' });
    const before = await snapshot(port);
    port.full = true;
    await expect(files.write(p.id, 'src/new/a.js', 'new')).rejects.toMatchObject(QUOTA);
    await expect(files.write(p.id, 'a.js', 'new')).rejects.toMatchObject(QUOTA);
    await expect(files.move(p.id, 'a.js', 'b/a.js')).rejects.toMatchObject(QUOTA);
    expect(await snapshot(port)).toEqual(before);
  });

  it('a create whose project row fails after its files went in leaves nothing behind', async () => {
    const port = new FullDiskPort();
    port.full = true;
    port.failAfter = 1; // the files are written, the project row is refused
    await expect(new ProjectFiles(port).create('taxi', { 'a.js': 'x' })).rejects.toMatchObject(
      QUOTA,
    );
    port.full = false;
    expect(await port.listProjects()).toEqual([]);
    expect(await port.listFiles('lesson-x')).toEqual([]);
    expect((await snapshot(port)).files.flat()).toEqual([]);
  });

  it('a zip import with empty folders is all or nothing', async () => {
    const port = new FullDiskPort();
    port.full = true;
    port.failAfter = 2; // files and project row stored, the empty folders refused
    const zip = zipSync({ 'a.js': new Uint8Array([65]), 'empty/': new Uint8Array() });
    await expect(
      importProjectZip(new ProjectFiles(port), port, zip, 'p.zip'),
    ).rejects.toMatchObject(QUOTA);
    port.full = false;
    expect(await snapshot(port)).toEqual({ projects: [], files: [] });
  });

  it('seeding a lesson project: the quota message, no half project, and a retry works', async () => {
    const port = new FullDiskPort();
    const seed = { name: 'taxi', hash: 'h', files: [{ path: 'a.js', text: 'x' }] };
    port.full = true;
    await expect(ensureLessonProject(port, 'l', seed)).rejects.toMatchObject(QUOTA);
    port.full = false;
    expect(await snapshot(port)).toEqual({ projects: [], files: [] });
    expect((await ensureLessonProject(port, 'l', seed)).created).toBe(true);
  });
});
