import { ciAliasGate } from '../ci/gates';
import type { ModelVersion, RegisteredModel, RegistryPort } from '../registry/types';
import { dexieCiRunPort } from './ci-port';
import type { LabbookDB } from './db';
import { guard } from './errors';

/**
 * The model registry in IndexedDB (tables of schema version 4). Its champion gate also asks the
 * CI runs in the same database, so a red workflow keeps its model from every registry over it.
 */
export function dexieRegistryPort(db: LabbookDB): RegistryPort {
  return {
    model: (name) => guard(async () => (await db.models.get(name)) as RegisteredModel | undefined),
    putModel: (model) => guard(async () => void (await db.models.put({ ...model }))),
    models: () => guard(async () => (await db.models.toArray()) as unknown as RegisteredModel[]),
    version: (name, version) =>
      guard(async () => (await db.modelVersions.get([name, version])) as ModelVersion | undefined),
    putVersion: (v) => guard(async () => void (await db.modelVersions.put({ ...v }))),
    versions: (name) =>
      guard(
        async () =>
          (await db.modelVersions
            .where('name')
            .equals(name)
            .toArray()) as unknown as ModelVersion[],
      ),
    aliasGate: ciAliasGate(dexieCiRunPort(db)),
  };
}
