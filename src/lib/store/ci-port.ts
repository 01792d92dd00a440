import { NO_PROTECTION, type ProtectionRules } from '../ci/protection';
import type { CiRunPort } from '../ci/run-port';
import type { WorkflowRun } from '../ci/run-types';
import type { LabbookDB } from './db';
import { guard } from './errors';
import { readSetting, writeSetting } from './settings';

const key = (name: string, version: number) => `${name}@${version}`;
const protectionKey = (projectId: string) => `ci.protection.${projectId}`;
const strip = ({ vouchedKeys: _, ...run }: WorkflowRun & { vouchedKeys: string[] }): WorkflowRun =>
  run;

/** CI runs in the workspace database (table ciRuns, schema v7); protection rules in settings. */
export function dexieCiRunPort(db: LabbookDB): CiRunPort {
  return {
    putRun: (run) =>
      guard(async () => {
        await db.ciRuns.put({
          ...run,
          vouchedKeys: run.vouched.map((v) => key(v.name, v.version)),
        });
      }),
    removeRuns: (ids) => guard(() => db.ciRuns.bulkDelete(ids)),
    run: (id) => guard(async () => ((row) => row && strip(row))(await db.ciRuns.get(id))),
    runs: (projectId) =>
      guard(async () =>
        (await db.ciRuns.where('projectId').equals(projectId).toArray())
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(strip),
      ),
    runsVouching: (name, version) =>
      guard(async () =>
        (await db.ciRuns.where('vouchedKeys').equals(key(name, version)).toArray())
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(strip),
      ),
    protection: (projectId) =>
      readSetting<ProtectionRules>(db, protectionKey(projectId), NO_PROTECTION),
    setProtection: (projectId, rules) => writeSetting(db, protectionKey(projectId), rules),
  };
}
