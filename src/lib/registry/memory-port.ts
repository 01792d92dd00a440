import type { AliasGate, ModelVersion, RegisteredModel, RegistryPort } from './types';

/** An in-memory registry; `aliasGate` stands for the CI runs the store would ask. */
export function memoryRegistryPort(aliasGate?: AliasGate): RegistryPort {
  const models = new Map<string, RegisteredModel>();
  const versions = new Map<string, ModelVersion>();
  const key = (name: string, version: number) => `${name}\u0000${version}`;
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    model: async (name) => clone(models.get(name)),
    putModel: async (model) => void models.set(model.name, clone(model)),
    models: async () => clone([...models.values()]),
    version: async (name, version) => clone(versions.get(key(name, version))),
    putVersion: async (v) => void versions.set(key(v.name, v.version), clone(v)),
    versions: async (name) => clone([...versions.values()].filter((v) => v.name === name)),
    ...(aliasGate ? { aliasGate } : {}),
  };
}
