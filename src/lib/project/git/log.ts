import git from 'isomorphic-git';
import { args, step, type Repo } from './repo';

export interface LogEntry {
  oid: string;
  parents: string[];
  subject: string;
  message: string;
  author: { name: string; email: string };
  /** Seconds since the epoch (committer time, which orders the log). */
  timestamp: number;
  /** Branch and tag names pointing here ("main", "tag: v1.0.0"). */
  refs: string[];
}

/**
 * Commits reachable from every branch (or from `ref`), newest first, children always before
 * their parents: the order a branch graph is drawn in.
 */
export async function log(
  repo: Repo,
  options: { ref?: string; limit?: number } = {},
): Promise<LogEntry[]> {
  const limit = options.limit ?? 1000;
  const branches = options.ref
    ? [options.ref]
    : await step(repo, 'Listing branches', () => git.listBranches(args(repo)));
  const refs = await refNames(repo);
  const seen = new Map<string, LogEntry>();
  for (const branch of branches) {
    const commits = await step(repo, `Reading the history of ${branch}`, () =>
      git.log({ ...args(repo), ref: branch, depth: limit }).catch((error: { code?: string }) => {
        if (error.code === 'NotFoundError' && !options.ref) return []; // a branch with no commit yet
        throw error;
      }),
    );
    for (const { oid, commit } of commits) {
      if (seen.has(oid)) continue;
      seen.set(oid, {
        oid,
        parents: commit.parent,
        subject: commit.message.split('\n')[0] ?? '',
        message: commit.message,
        author: { name: commit.author.name, email: commit.author.email },
        timestamp: commit.committer.timestamp,
        refs: refs.get(oid) ?? [],
      });
    }
  }
  return topoOrder([...seen.values()]).slice(0, limit);
}

/** Newest first, but never a parent above its child (clocks and same-second commits lie). */
function topoOrder<T extends { oid: string; parents: string[]; timestamp: number }>(
  commits: T[],
): T[] {
  const byOid = new Map(commits.map((c) => [c.oid, c]));
  const children = new Map<string, number>();
  for (const c of commits)
    for (const p of c.parents) if (byOid.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
  const ready = commits.filter((c) => !children.get(c.oid));
  const out: T[] = [];
  const newestFirst = (a: T, b: T) => b.timestamp - a.timestamp || (a.oid < b.oid ? -1 : 1);
  while (ready.length) {
    ready.sort(newestFirst);
    const c = ready.shift()!;
    out.push(c);
    for (const p of c.parents) {
      const left = (children.get(p) ?? 0) - 1;
      children.set(p, left);
      const parent = byOid.get(p);
      if (left === 0 && parent) ready.push(parent);
    }
  }
  return out;
}

async function refNames(repo: Repo): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  const add = (oid: string, name: string) => names.set(oid, [...(names.get(oid) ?? []), name]);
  for (const branch of await git.listBranches(args(repo)))
    add(await git.resolveRef({ ...args(repo), ref: branch }), branch);
  for (const tag of await git.listTags(args(repo))) {
    let oid = await git.resolveRef({ ...args(repo), ref: `refs/tags/${tag}` });
    const object = await git.readObject({ ...args(repo), oid });
    if (object.type === 'tag') oid = (await git.readTag({ ...args(repo), oid })).tag.object;
    add(oid, `tag: ${tag}`);
  }
  return names;
}
