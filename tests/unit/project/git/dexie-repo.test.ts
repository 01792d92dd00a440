import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createBranch } from '../../../../src/lib/project/git/branches';
import { checkout } from '../../../../src/lib/project/git/checkout';
import { commit } from '../../../../src/lib/project/git/commit';
import { log } from '../../../../src/lib/project/git/log';
import { merge } from '../../../../src/lib/project/git/merge';
import { openRepo } from '../../../../src/lib/project/git/repo';
import { stage } from '../../../../src/lib/project/git/stage';
import { status } from '../../../../src/lib/project/git/status';
import { DB_NAME, dexieProjectPort, openStore } from '../../../../src/lib/store';
import { AUTHOR, commitFiles, newRepo, read, tick, write } from './repo-fixture';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('git over the IndexedDB store', () => {
  it('a conflict resolved, committed, and read back after the database is reopened', async () => {
    const db = await openStore();
    const repo = await newRepo(dexieProjectPort(db));
    await commitFiles(repo, { 'train.py': 'lr = 0.1\n' }, 'feat: start');
    await createBranch(repo, 'tune');
    await checkout(repo, 'tune');
    await commitFiles(repo, { 'train.py': 'lr = 0.01\n' }, 'perf: smaller lr');
    await checkout(repo, 'main');
    await commitFiles(repo, { 'train.py': 'lr = 0.5\n' }, 'perf: bigger lr');
    expect((await merge(repo, 'tune', AUTHOR, tick())).kind).toBe('conflicts');
    const marked = (await read(repo, 'train.py'))!;
    expect(marked).toMatch(/<<<<<<< main\nlr = 0\.5\n=======\nlr = 0\.01\n>>>>>>> tune\n/);
    await write(repo, 'train.py', 'lr = 0.05\n');
    await stage(repo, 'train.py');
    await commit(repo, { message: 'merge: tune into main', author: AUTHOR, timestamp: tick() });
    db.close();

    const again = openRepo(dexieProjectPort(await openStore()), repo.projectId);
    const [top] = await log(again);
    expect(top!.parents).toHaveLength(2);
    expect(await read(again, 'train.py')).toBe('lr = 0.05\n');
    expect(await status(again)).toEqual([]);
  });
});
