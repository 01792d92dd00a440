import type { ModelVersion, RegisteredModel, RegistryPort } from '../registry/types';
import type { LabbookDB } from './db';
import { guard } from './errors';

/** The model registry in IndexedDB (tables of schema version 4). */
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
  };
}
