import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { pathToFileURL } from 'node:url';
import { commit } from '../../src/lib/project/git/commit';
import { initRepo } from '../../src/lib/project/git/init';
import { layoutGraph, type GraphCommit } from '../../src/lib/project/git/log-graph';
import { openRepo, type Repo } from '../../src/lib/project/git/repo';
import { stage } from '../../src/lib/project/git/stage';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import type { ProjectStoragePort } from '../../src/lib/project/storage-port';
import { DB_NAME, dexieProjectPort, openStore } from '../../src/lib/store';
import type { BenchResult } from './report';

const FILES = 200;
const EDITED = 5;
const RUNS = 5;
const AUTHOR = { name: 'Bench', email: 'bench@example.org' };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** 200 files of ~1 KB in 20 folders, committed once. */
async function project(storage: ProjectStoragePort): Promise<{ repo: Repo; paths: string[] }> {
  const repo = openRepo(storage, 'bench');
  await initRepo(repo);
  const paths = Array.from({ length: FILES }, (_, i) => `src/pkg${i % 20}/module${i}.py`);
  for (const path of paths) {
    await repo.fs.promises.writeFile(`/${path}`, `# ${path}\n${'x = 1\n'.repeat(170)}`);
    await stage(repo, path);
  }
  await commit(repo, { message: 'feat: start', author: AUTHOR });
  return { repo, paths };
}

/** Staging the 5 edited files and committing them, as the panel does after the edits. */
async function commitAfterEdits(storage: ProjectStoragePort): Promise<number> {
  const { repo, paths } = await project(storage);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const edited = paths.slice(run * EDITED, run * EDITED + EDITED);
    for (const path of edited) await repo.fs.promises.writeFile(`/${path}`, `# edit ${run}\n`);
    const start = performance.now();
    for (const path of edited) await stage(repo, path);
    await commit(repo, { message: `fix: edit ${run}`, author: AUTHOR });
    times.push(performance.now() - start);
  }
  return median(times);
}

/** 1,000 commits: a main line with a feature branch every 10 commits, merged back. */
export function syntheticHistory(count = 1000): GraphCommit[] {
  const commits: GraphCommit[] = [];
  let tip: string | undefined;
  for (let i = 0; commits.length < count; i++) {
    const id = (s: string) => `${s}${i}`;
    if (i % 10 === 9 && tip) {
      const branch = [id('b1-'), id('b2-'), id('b3-')];
      commits.push({ oid: branch[0]!, parents: [tip] });
      commits.push({ oid: branch[1]!, parents: [branch[0]!] });
      commits.push({ oid: branch[2]!, parents: [branch[1]!] });
      commits.push({ oid: id('m'), parents: [tip, branch[2]!] });
      tip = id('m');
    } else {
      commits.push({ oid: id('c'), parents: tip ? [tip] : [] });
      tip = id('c');
    }
  }
  return commits.slice(0, count).reverse();
}

function logGraph(): number {
  const history = syntheticHistory();
  const times: number[] = [];
  for (let run = 0; run < RUNS * 4; run++) {
    const start = performance.now();
    layoutGraph(history);
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function benchGit(): Promise<BenchResult[]> {
  const db = await openStore();
  let dexie: number;
  try {
    dexie = await commitAfterEdits(dexieProjectPort(db));
  } finally {
    db.close();
    await Dexie.delete(DB_NAME);
  }
  const memory = await commitAfterEdits(new MemoryProjectStorage());
  return [
    {
      name: `git commit after editing ${EDITED} files of a ${FILES}-file project (Dexie on fake-indexeddb, Node)`,
      value: dexie,
      unit: 'ms',
      target: { max: 300 },
      note: `stage ${EDITED} files + commit, median of ${RUNS}; fake-indexeddb is slower than Chromium's IndexedDB`,
    },
    {
      name: `git commit after editing ${EDITED} files of a ${FILES}-file project (in-memory rows, Node)`,
      value: memory,
      unit: 'ms',
      note: 'the same, without storage cost: what isomorphic-git itself takes',
    },
    {
      name: 'log-graph layout of 1,000 commits (Node)',
      value: logGraph(),
      unit: 'ms',
      target: { max: 200 },
      note: `layoutGraph, 100 merged branches, median of ${RUNS * 4}`,
    },
  ];
}

// `--json`: one JSON line for `npm run bench`, which runs this in a process of its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchGit();
  if (process.argv[2] === '--json') console.log(JSON.stringify(results));
  else for (const r of results) console.log(`- ${r.name}: ${r.value.toFixed(2)} ${r.unit}`);
}
