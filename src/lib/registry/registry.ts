import type { TrackingPort } from '../tracking/types';
import { RegistryError } from './errors';
import { predictorOf, type Predictor } from './flavors';
import { modelFlavorsOf, modelFormatOf, versionManifest } from './manifest';
import { modelCardMarkdown } from './model-card';
import { checkPins, RUNNING_PINS } from './pins';
import { runModelTests, type InputRow, type ModelTestReport } from './model-tests';
import type { ModelVersion, RegisteredModel, RegistryPort } from './types';
import { parseModelUri, versionUri } from './uri';

/** Aliases that only a tested version may hold: the model CI gate. */
export const GATED_ALIASES = ['champion'] as const;

const MODEL_NAME = /^[A-Za-z0-9][\w.\- ]{0,99}$/;
const ALIAS_NAME = /^[A-Za-z][\w-]{0,49}$/;
/** A run's model directory (MLflow's `runs:/<id>/model`) → the artifact holding its JSON. */
const modelFile = (path: string) => (path.endsWith('.json') ? path : `${path}/model.json`);

export interface RegisterOptions {
  description?: string;
  tags?: Record<string, string>;
  /** A few input rows, kept with the version: documentation, model tests and serving examples. */
  inputExample?: InputRow[];
  /** The data version the model was trained on; the run's `dataset.version` tag when left out. */
  datasetVersion?: string;
}

/**
 * A model registry in MLflow's spirit: named models, numbered versions that point at a run's
 * model artifact, aliases, tags, notes, and a test gate in front of the `champion` alias.
 */
export class ModelRegistry {
  readonly #port: RegistryPort;
  readonly #tracking: TrackingPort;
  readonly #now: () => number;

  constructor(port: RegistryPort, tracking: TrackingPort, now: () => number = Date.now) {
    this.#port = port;
    this.#tracking = tracking;
    this.#now = now;
  }

  /** Files a run's model as the next version of `name` (creating the model on first use). */
  async registerModel(
    source: string,
    name: string,
    options: RegisterOptions = {},
  ): Promise<ModelVersion> {
    if (!MODEL_NAME.test(name))
      throw new RegistryError(
        'bad-name',
        `"${name}" is not a model name: use letters, digits, spaces, ".", "_" or "-" (at most 100).`,
      );
    const ref = source.startsWith('runs:/')
      ? parseModelUri(source)
      : { kind: 'run' as const, runId: source, path: 'model' };
    if (ref.kind !== 'run')
      throw new RegistryError(
        'bad-uri',
        `Register a run's model (runs:/<run id>/model), not "${source}", which is already registered.`,
      );
    const run = await this.#tracking.run(ref.runId);
    if (!run)
      throw new RegistryError('unknown-model', `No run ${ref.runId} to register a model from.`);
    const artifactPath = modelFile(ref.path);
    const predictor = await this.#predictorAt(run.id, artifactPath);
    const example = options.inputExample ?? [];
    // Predicting on the example checks it: every input present, with the right type.
    if (example.length > 0) predictor.predict(example);

    const now = this.#now();
    const model = (await this.#port.model(name)) ?? {
      name,
      description: '',
      tags: {},
      aliases: {},
      createdAt: now,
      updatedAt: now,
    };
    const existing = await this.#port.versions(name);
    const version: ModelVersion = {
      name,
      version: Math.max(0, ...existing.map((v) => v.version)) + 1,
      runId: run.id,
      source: `runs:/${run.id}/${ref.path}`,
      artifactPath,
      datasetVersion: options.datasetVersion ?? run.tags['dataset.version'] ?? null,
      signature: predictor.signature,
      inputExample: example.map((row) =>
        Object.fromEntries(predictor.signature.inputs.map((c) => [c.name, row[c.name]!])),
      ),
      description: options.description ?? '',
      tags: { ...options.tags },
      createdAt: now,
      tests: null,
      pins: { ...RUNNING_PINS },
    };
    await this.#port.putVersion(version);
    await this.#port.putModel({ ...model, updatedAt: now });
    return version;
  }

  async getModel(name: string): Promise<RegisteredModel> {
    const model = await this.#port.model(name);
    if (!model) {
      const known = (await this.#port.models()).map((m) => m.name);
      throw new RegistryError(
        'unknown-model',
        `No registered model "${name}"${known.length ? ` (there are: ${known.join(', ')})` : ' (none is registered yet)'}.`,
      );
    }
    return model;
  }

  async listModels(): Promise<RegisteredModel[]> {
    return (await this.#port.models()).sort((a, b) => a.name.localeCompare(b.name));
  }

  async versions(name: string): Promise<ModelVersion[]> {
    await this.getModel(name);
    return (await this.#port.versions(name)).sort((a, b) => a.version - b.version);
  }

  async getVersion(name: string, version: number): Promise<ModelVersion> {
    await this.getModel(name);
    const found = await this.#port.version(name, version);
    if (!found) {
      const known = (await this.#port.versions(name)).map((v) => v.version).sort((a, b) => a - b);
      throw new RegistryError(
        'unknown-version',
        `"${name}" has no version ${version} (it has ${known.join(', ') || 'none'}).`,
      );
    }
    return found;
  }

  /** The version a URI names: `models:/name/3`, `models:/name@champion`. */
  async resolve(uri: string): Promise<ModelVersion> {
    const ref = parseModelUri(uri);
    if (ref.kind === 'version') return this.getVersion(ref.name, ref.version);
    if (ref.kind === 'run')
      throw new RegistryError('bad-uri', `"${uri}" names a run's model; use loadPredictor for it.`);
    const model = await this.getModel(ref.name);
    const version = model.aliases[ref.alias];
    if (version === undefined) {
      const known = Object.keys(model.aliases);
      throw new RegistryError(
        'unknown-alias',
        `"${ref.name}" has no alias "${ref.alias}" (${known.length ? `it has ${known.join(', ')}` : 'it has none yet'}).`,
      );
    }
    return this.getVersion(ref.name, version);
  }

  /**
   * The model a URI names, ready to predict (and its stored JSON): a version or a run's model.
   * A version whose pinned TF.js or preprocessing format differs from this Labbook's is refused
   * (`pin-mismatch`, saying which pin and how to fix it); one without pins loads with a warning.
   */
  async loadPredictor(
    uri: string,
  ): Promise<Predictor & { json: unknown; version: ModelVersion | null; warnings: string[] }> {
    const ref = parseModelUri(uri);
    if (ref.kind === 'run') {
      const predictor = await this.#predictorAt(ref.runId, modelFile(ref.path));
      return { ...predictor, version: null, warnings: [] };
    }
    const version = await this.resolve(uri);
    const { warnings } = checkPins(version, versionUri(version.name, version.version));
    return { ...(await this.#predictorAt(version.runId, version.artifactPath)), version, warnings };
  }

  /** The version's MLmodel manifest (flavor, signature, input example, pinned versions). */
  async manifest(uri: string): Promise<string> {
    const version = await this.resolve(uri);
    const bytes = await this.#tracking.artifact(version.runId, version.artifactPath);
    return versionManifest(version, modelFormatOf(bytes), modelFlavorsOf(bytes));
  }

  /** Points `alias` at a version (moving it if another held it); `champion` needs passed tests. */
  async setAlias(name: string, alias: string, version: number): Promise<RegisteredModel> {
    if (!ALIAS_NAME.test(alias))
      throw new RegistryError(
        'bad-name',
        `"${alias}" is not an alias: start with a letter; letters, digits, "_" and "-" follow.`,
      );
    const target = await this.getVersion(name, version);
    if ((GATED_ALIASES as readonly string[]).includes(alias)) {
      gateCheck(target, alias);
      const refusal = await this.#port.aliasGate?.(target, alias);
      if (refusal)
        throw new RegistryError(
          'gate-closed',
          `${versionUri(name, version)} cannot become "${alias}": ${refusal}`,
        );
    }
    const model = await this.getModel(name);
    const updated = {
      ...model,
      aliases: { ...model.aliases, [alias]: version },
      updatedAt: this.#now(),
    };
    await this.#port.putModel(updated);
    return updated;
  }

  async deleteAlias(name: string, alias: string): Promise<RegisteredModel> {
    const model = await this.getModel(name);
    if (!(alias in model.aliases))
      throw new RegistryError('unknown-alias', `"${name}" has no alias "${alias}".`);
    const { [alias]: _, ...aliases } = model.aliases;
    const updated = { ...model, aliases, updatedAt: this.#now() };
    await this.#port.putModel(updated);
    return updated;
  }

  /** Aliases of one version, e.g. ['champion']. */
  async aliasesOf(name: string, version: number): Promise<string[]> {
    const model = await this.getModel(name);
    return Object.entries(model.aliases)
      .filter(([, v]) => v === version)
      .map(([a]) => a);
  }

  async updateModel(
    name: string,
    changes: { description?: string; tags?: Record<string, string> },
  ): Promise<RegisteredModel> {
    const model = await this.getModel(name);
    const updated = {
      ...model,
      description: changes.description ?? model.description,
      tags: { ...model.tags, ...changes.tags },
      updatedAt: this.#now(),
    };
    await this.#port.putModel(updated);
    return updated;
  }

  /** Version notes and tags (MLflow's version description and tags). */
  async updateVersion(
    name: string,
    version: number,
    changes: { description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion> {
    const found = await this.getVersion(name, version);
    for (const key of Object.keys(changes.tags ?? {})) checkTagKey(key);
    const updated = {
      ...found,
      description: changes.description ?? found.description,
      tags: { ...found.tags, ...changes.tags },
    };
    await this.#port.putVersion(updated);
    return updated;
  }

  /** Removes one tag of a version (MLflow's delete_model_version_tag). */
  async deleteVersionTag(name: string, version: number, key: string): Promise<ModelVersion> {
    const found = await this.getVersion(name, version);
    if (!(key in found.tags))
      throw new RegistryError(
        'bad-name',
        `${versionUri(name, version)} has no tag "${key}" (it has ${Object.keys(found.tags).join(', ') || 'none'}).`,
      );
    const { [key]: _, ...tags } = found.tags;
    const updated = { ...found, tags };
    await this.#port.putVersion(updated);
    return updated;
  }

  /**
   * Runs behavioural tests on a version and attaches the report to it (the gate reads it);
   * `attach: false` only reports, for trying tests out without touching the gate.
   */
  async testVersion(
    uri: string,
    tests: unknown,
    options: { attach?: boolean } = {},
  ): Promise<ModelTestReport> {
    const { version, json: _, ...predictor } = await this.loadPredictor(uri);
    if (!version)
      throw new RegistryError('bad-uri', `Test a registered version (models:/…), not "${uri}".`);
    const report = runModelTests(tests, (rows) => predictor.predict(rows), {
      example: version.inputExample,
      inputs: predictor.signature.inputs.map((c) => c.name),
      now: this.#now(),
    });
    if (options.attach ?? true) await this.#port.putVersion({ ...version, tests: report });
    return report;
  }

  /** The version's model card as Markdown, written from the registry's and the run's metadata. */
  async modelCard(uri: string): Promise<string> {
    const version = await this.resolve(uri);
    const model = await this.getModel(version.name);
    return modelCardMarkdown(model, version, await this.#tracking.run(version.runId));
  }

  async #predictorAt(runId: string, path: string): Promise<Predictor & { json: unknown }> {
    const bytes = await this.#tracking.artifact(runId, path);
    const where = `Artifact "${path}" of run ${runId}`;
    if (!bytes)
      throw new RegistryError(
        'no-model-artifact',
        `Run ${runId} has no artifact "${path}"; log the model first with lab.tracking.logModel(model).`,
      );
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(bytes));
    } catch (error) {
      throw new RegistryError(
        'no-model-artifact',
        `${where} is not JSON: ${(error as Error).message}`,
      );
    }
    return { ...predictorOf(json, where), json };
  }
}

/** MLflow's limits on a tag key: not empty, at most 250 characters, no surrounding spaces. */
function checkTagKey(key: string): void {
  if (key.length === 0 || key.length > 250 || key.trim() !== key)
    throw new RegistryError(
      'bad-name',
      `"${key}" is not a tag key: give 1 to 250 characters, without spaces at either end.`,
    );
}

function gateCheck(version: ModelVersion, alias: string): void {
  const label = `${versionUri(version.name, version.version)} cannot become "${alias}"`;
  if (!version.tests)
    throw new RegistryError(
      'gate-closed',
      `${label}: it has not been tested. Run its model tests first (lab.registry.testModel).`,
    );
  const required = version.tests.results.filter((r) => r.required);
  // Optional tests only report: without one required test that passed, nothing vouches for it.
  if (required.length === 0)
    throw new RegistryError(
      'gate-closed',
      `${label}: all ${version.tests.results.length} of its tests are optional (required: false). Mark at least one test required (the default) and test it again.`,
    );
  const failed = required.filter((r) => !r.passed);
  if (failed.length > 0)
    throw new RegistryError(
      'gate-closed',
      `${label}: required tests failed — ${failed.map((r) => `"${r.name}" (${r.message})`).join('; ')}.`,
    );
}
