import { downloadBlob } from '../lib/pwa/download';
import {
  ModelRegistry,
  tfjsLayersZip,
  type ModelVersion,
  type RegisteredModel,
} from '../lib/registry';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import { workspace } from './workspace.svelte';

/**
 * The Models page: registered models, one model's versions with their aliases and tests, a
 * version's notes, tags, signature and input example, and its model card. Alias changes go through the registry, so the champion gate holds here too.
 */
export class ModelsView {
  models = $state<RegisteredModel[]>([]);
  model = $state<RegisteredModel | null>(null);
  versions = $state<ModelVersion[]>([]);
  card = $state<{ version: number; markdown: string } | null>(null);
  error = $state<string | null>(null);
  message = $state<string | null>(null);
  loaded = $state(false);
  /** The version whose notes, tags, signature and input example are open. */
  selected = $state<number | null>(null);
  selectedVersion = $derived(this.versions.find((v) => v.version === this.selected) ?? null);
  /** A prepared TF.js Layers zip of one version, ready to download. */
  download = $state<{ version: number; url: string; name: string } | null>(null);
  #registry: Promise<ModelRegistry> = workspace.store.then(
    (db) => new ModelRegistry(dexieRegistryPort(db), dexieTrackingPort(db)),
  );

  async load(name?: string): Promise<void> {
    await this.#attempt(async (registry) => {
      this.models = await registry.listModels();
      if (name) await this.#show(registry, name);
    });
    this.loaded = true;
  }

  async setAlias(alias: string, version: number): Promise<void> {
    const name = this.model?.name;
    if (!name) return;
    await this.#attempt(async (registry) => {
      await registry.setAlias(name, alias, version);
      this.message = `${alias} → version ${version}.`;
      await this.#show(registry, name);
    });
  }

  async deleteAlias(alias: string): Promise<void> {
    const name = this.model?.name;
    if (!name) return;
    await this.#attempt(async (registry) => {
      await registry.deleteAlias(name, alias);
      this.message = `Removed the alias ${alias}.`;
      await this.#show(registry, name);
    });
  }

  async showCard(version: number): Promise<void> {
    const name = this.model?.name;
    if (!name) return;
    await this.#attempt(async (registry) => {
      this.card = { version, markdown: await registry.modelCard(`models:/${name}/${version}`) };
    });
  }

  async exportTfjs(version: number): Promise<void> {
    const name = this.model?.name;
    if (!name) return;
    await this.#attempt(async (registry) => {
      const { json } = await registry.loadPredictor(`models:/${name}/${version}`);
      const bytes = tfjsLayersZip(json, `${name} v${version}`);
      if (this.download) URL.revokeObjectURL(this.download.url);
      this.download = {
        version,
        url: URL.createObjectURL(downloadBlob([bytes as Uint8Array<ArrayBuffer>])),
        name: `${name}-v${version}-tfjs.zip`.replace(/[^\w.-]+/g, '-'),
      };
    });
  }

  /** Notes (the version's description) saved through the registry. */
  async saveNotes(version: number, description: string): Promise<void> {
    await this.#onVersion(version, 'Saved the notes', (registry, name) =>
      registry.updateVersion(name, version, { description }),
    );
  }

  async setTag(version: number, key: string, value: string): Promise<void> {
    await this.#onVersion(version, `Saved the tag ${key}`, (registry, name) =>
      registry.updateVersion(name, version, { tags: { [key]: value } }),
    );
  }

  async deleteTag(version: number, key: string): Promise<void> {
    await this.#onVersion(version, `Removed the tag ${key}`, (registry, name) =>
      registry.deleteVersionTag(name, version, key),
    );
  }

  async #onVersion(
    version: number,
    done: string,
    change: (registry: ModelRegistry, name: string) => Promise<unknown>,
  ): Promise<void> {
    const name = this.model?.name;
    if (!name) return;
    await this.#attempt(async (registry) => {
      await change(registry, name);
      this.message = `${done} of version ${version}.`;
      await this.#show(registry, name);
    });
  }

  aliasesOf(version: number): string[] {
    return Object.entries(this.model?.aliases ?? {})
      .filter(([, v]) => v === version)
      .map(([a]) => a);
  }

  async #show(registry: ModelRegistry, name: string): Promise<void> {
    this.model = await registry.getModel(name);
    this.versions = (await registry.versions(name)).reverse();
  }

  async #attempt(work: (registry: ModelRegistry) => Promise<void>): Promise<void> {
    this.error = null;
    this.message = null;
    try {
      await work(await this.#registry);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }
}
