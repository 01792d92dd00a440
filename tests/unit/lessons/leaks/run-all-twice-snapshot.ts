import git from 'isomorphic-git';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { afterEach, expect, it } from 'vitest';
import {
  openLessonSession,
  type LessonSession,
} from '../../../../scripts/lesson-runner/lesson-session';
import { shippedLesson } from './shipped';
import { memoryCiRunPort, type CiRunPort } from '../../../../src/lib/ci/run-port';
import type { memoryDocPort } from '../../../../src/lib/data/docstore';
import { args, openRepo } from '../../../../src/lib/project/git/repo';
import { API_LOG } from '../../../../src/lib/serving/endpoint';
import { describeDeployment } from '../../../../src/lib/serving';

/** Every lesson of lessons/course.yaml, in course order (hidden and draft ones too). */
export function courseLessonIds(): string[] {
  const course = parseYaml(readFileSync('lessons/course.yaml', 'utf8')) as {
    parts: { lessons: (string | { id: string })[] }[];
  };
  return course.parts.flatMap((p) => p.lessons.map((l) => (typeof l === 'string' ? l : l.id)));
}

/**
 * Gives a session what the app's kernel has and Node's services leave out, so a snapshot can
 * read it: stored CI runs (a port of its own, as the app's IndexedDB one) and the names of the
 * SQL databases cells saved. Call before the first Run all.
 */
export function observe(session: LessonSession): { ci: CiRunPort; databases: Set<string> } {
  const ci = memoryCiRunPort();
  const databases = new Set<string>();
  const { services } = session;
  services.ci = ci;
  const save = services.sql.save;
  services.sql.save = async (name, bytes) => {
    databases.add(name);
    await save(name, bytes);
  };
  return { ci, databases };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const sum = (values: number[]) => round(values.reduce((a, b) => a + b, 0));

/**
 * What a student sees stored after a Run all, without ids and clocks: live runs by name, model
 * versions and aliases, endpoints with their deployment and timeline, request-log rows (with
 * the sums monitoring reads: predictions and labels), data versions, NoSQL documents, SQL
 * tables, CI runs, project commits and app forms. Two Run alls must give equal snapshots.
 */
export async function snapshot(
  session: LessonSession,
  seen: { ci: CiRunPort; databases: Set<string> },
) {
  const s = session.services;
  const runs = (await s.tracking.runs())
    .filter((r) => r.deletedAt === null)
    .map((r) => `${r.name} ${r.status}`)
    .sort();
  const models: Record<string, unknown> = {};
  for (const m of await s.registry.models())
    models[m.name] = {
      aliases: m.aliases,
      versions: (await s.registry.versions(m.name)).map((v) => v.version).sort((a, b) => a - b),
    };
  const endpoints: Record<string, unknown> = {};
  const requests: Record<string, unknown> = {};
  const logs = [...(await s.serving.endpoints()).map((e) => e.name), API_LOG];
  for (const e of await s.serving.endpoints())
    endpoints[e.name] = {
      model: e.model,
      deployment: e.deployment,
      faults: e.faults,
      // What each change did, not its reason: a reason quotes the state it left ("nothing
      // deployed → v1" the first time) and the figures a rollback measured.
      timeline: (await s.serving.events(e.name)).map(
        (v) => `${v.kind} ${describeDeployment(v.to)}`,
      ),
    };
  for (const name of logs) {
    const rows = await s.serving.requests(name);
    if (rows.length === 0) continue;
    // A job is polled until it is done and labels are posted in batches as their timers fire:
    // how many of those requests there are is the clock's. Every other request is counted.
    const scored = rows.filter(
      (r) => r.pattern !== 'labels' && !(r.method === 'GET' && r.path.startsWith('v1/jobs/')),
    );
    const labelled = scored.filter((r) => r.label !== null);
    // Timers decide more of a log, by design: which requests an injected fault fails (at
    // random), and when a canary ramps or rolls back (on the labels arrived so far), so which
    // variant serves whom. A log served by one version at a time compares what monitoring
    // reads, to 1e-6; a canary's compares counts.
    const timed = scored.some((r) => r.status >= 500 || (r.variant ?? 'single') !== 'single');
    requests[name] = {
      rows: countBy(scored.map((r) => r.pattern)),
      labelled: labelled.length,
      ...(timed
        ? {}
        : {
            served: countBy(scored.map((r) => `${r.status} v${r.version}`)),
            predictions: sum(scored.flatMap((r) => r.predictions)),
            labels: sum(labelled.map((r) => r.label!)),
          }),
    };
  }
  const datasets = (await s.catalog.versions()).map((v) => `${v.name} ${v.id}`).sort();
  const documents: Record<string, number> = {};
  for (const [table, docs] of (s.documents as ReturnType<typeof memoryDocPort>).tables)
    documents[table] = docs.size;
  const sql: Record<string, Record<string, unknown>> = {};
  if (seen.databases.size) {
    const SQL = await s.sql.engine();
    for (const name of [...seen.databases].sort()) {
      const db = new SQL.Database((await s.sql.load(name)) ?? undefined);
      const tables = db.exec("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
      sql[name] = {};
      for (const [table] of tables[0]?.values ?? [])
        sql[name][String(table)] = db.exec(
          `SELECT count(*) FROM "${String(table)}"`,
        )[0]!.values[0]![0];
      db.close();
    }
  }
  const projects: Record<string, unknown> = {};
  for (const p of await s.projects.port.listProjects()) {
    const repo = openRepo(s.projects.port, p.id);
    const commits = await git.log({ ...args(repo) }).catch(() => []);
    const ci = await seen.ci.runs(p.id);
    projects[p.name] = {
      commits: commits.map((c) => c.commit.message.trim()),
      ci: countBy(ci.map((r) => `${r.workflow} ${r.event.name} ${r.status}`)),
    };
  }
  const forms = (await s.apps.list()).map(({ declaredAt: _, ...form }) => form);
  return { runs, models, endpoints, requests, datasets, documents, sql, projects, forms };
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys.sort()) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

/**
 * One test per lesson of `half` of the course (split in two files, each under ~4 minutes here):
 * Run all, snapshot, Run all again, the same snapshot. A lesson added to course.yaml is tested
 * with no edit here.
 */
export function runAllTwiceEach(half: 0 | 1, exceptions: Record<string, string> = {}) {
  const ids = courseLessonIds();
  const middle = Math.ceil(ids.length / 2);
  const only = process.env.RUN_ALL_TWICE?.split(',');
  let session: LessonSession | undefined;
  afterEach(() => session?.close());
  for (const id of half === 0 ? ids.slice(0, middle) : ids.slice(middle))
    it.skipIf(id in exceptions || (only !== undefined && !only.includes(id)))(
      `${id}: the same runs, versions, endpoints, request log, data, documents, tables, CI runs, commits and forms`,
      async () => {
        session = await openLessonSession(shippedLesson(id));
        const seen = observe(session);
        await session.runAll();
        const once = await snapshot(session, seen);
        await session.runAll();
        expect(await snapshot(session, seen)).toEqual(once);
      },
      300_000,
    );
}
