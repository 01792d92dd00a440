import { NO_PROTECTION, type ProtectionRules } from './protection';
import type { WorkflowRun } from './run-types';

/** Where runs and protection rules are kept: IndexedDB in the app (store/ci-port.ts), memory in tests. */
export interface CiRunPort {
  putRun(run: WorkflowRun): Promise<void>;
  /** Deletes runs: those a lesson cell started, when the cell runs again (lab/rerun-ci.ts). */
  removeRuns(ids: string[]): Promise<void>;
  run(id: string): Promise<WorkflowRun | undefined>;
  /** A project's runs, newest first. */
  runs(projectId: string): Promise<WorkflowRun[]>;
  /** Runs that produced or tested a model version (any project). */
  runsVouching(name: string, version: number): Promise<WorkflowRun[]>;
  protection(projectId: string): Promise<ProtectionRules>;
  setProtection(projectId: string, rules: ProtectionRules): Promise<void>;
}

export function memoryCiRunPort(): CiRunPort {
  const runs = new Map<string, WorkflowRun>();
  const rules = new Map<string, ProtectionRules>();
  const clone = <T>(v: T): T => structuredClone(v);
  const newest = (list: WorkflowRun[]) => list.sort((a, b) => b.createdAt - a.createdAt).map(clone);
  return {
    putRun: async (run) => void runs.set(run.id, clone(run)),
    removeRuns: async (ids) => ids.forEach((id) => runs.delete(id)),
    run: async (id) => clone(runs.get(id)),
    runs: async (projectId) => newest([...runs.values()].filter((r) => r.projectId === projectId)),
    runsVouching: async (name, version) =>
      newest(
        [...runs.values()].filter((r) =>
          r.vouched.some((v) => v.name === name && v.version === version),
        ),
      ),
    protection: async (projectId) => clone(rules.get(projectId) ?? NO_PROTECTION),
    setProtection: async (projectId, value) => void rules.set(projectId, clone(value)),
  };
}
