import type { AliasGate } from '../registry';
import { championRefusal, mergeRefusal } from './protection';
import type { CiRunPort } from './run-port';

/** The registry's champion gate, answered from the stored CI runs (RegistryPort.aliasGate). */
export function ciAliasGate(port: CiRunPort): AliasGate {
  return async (version) =>
    championRefusal(
      await port.runsVouching(version.name, version.version),
      version.name,
      version.version,
    );
}

/** The Git service's merge gate (GitSettings.mergeGate): the project's branch protection. */
export function ciMergeGate(port: CiRunPort) {
  return async (projectId: string, merge: { into: string; from: string; sha: string }) => {
    const rules = await port.protection(projectId);
    return (
      mergeRefusal(rules, await port.runs(projectId), merge.into, merge.from, merge.sha)?.message ??
      null
    );
  };
}
