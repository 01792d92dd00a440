import { downloadBlob, downloadName, imagePreviewUrl } from '../lib/pwa/download';
import type { ModelVersion } from '../lib/registry';
import { dexieRegistryPort } from '../lib/store/registry-port';
import { readSetting, writeSetting } from '../lib/store/settings';
import { dexieTrackingPort } from '../lib/store/tracking-port';
import {
  DEFAULT_ENERGY,
  estimateEnergy,
  failRunsOfGoneKernels,
  isImage,
  type ArtifactInfo,
  type EnergyAssumptions,
  type MetricPoint,
  type Run,
} from '../lib/tracking';
import { workspace } from './workspace.svelte';

const ENERGY_KEY = 'energy-assumptions';
const PREVIEW_BYTES = 20_000;

/** One run: its parameters, tags, metric histories, artifacts, lineage and energy estimate. */
export class RunView {
  // Raw: every read replaces them whole, and a deep proxy around a 10,000-point history made
  // drawing its chart spend most of its time in proxy traps (a 170 ms main-thread task).
  run = $state.raw<Run | null>(null);
  histories = $state.raw<Record<string, (MetricPoint & { run: string })[]>>({});
  artifacts = $state.raw<ArtifactInfo[]>([]);
  versions = $state.raw<ModelVersion[]>([]);
  energy = $state<EnergyAssumptions>(DEFAULT_ENERGY);
  /**
   * The opened artifact: an image (shown in an `<img>` from `image`) or text, and its download
   * (`download`, saved as `name`; never a URL that renders).
   */
  preview = $state<{
    path: string;
    text: string;
    image: string | null;
    download: string;
    name: string;
  } | null>(null);
  error = $state<string | null>(null);
  loaded = $state(false);

  readonly estimate = $derived.by(() => {
    const run = this.run;
    if (!run?.endTime) return null;
    try {
      return estimateEnergy((run.endTime - run.startTime) / 1000, this.energy);
    } catch {
      return null;
    }
  });

  /**
   * `full: false` reads only the run and its metric histories: what changes while it trains.
   * Everything is read before anything is shown, so the page never pairs a run's new status with
   * the histories of an earlier poll (a FINISHED run with its last epochs missing).
   */
  async load(id: string, full = true): Promise<void> {
    try {
      const db = await workspace.store;
      const tracking = dexieTrackingPort(db);
      const stored = (await tracking.run(id)) ?? null;
      const run = (stored && (await failRunsOfGoneKernels(tracking, [stored]))[0]) ?? stored;
      const keys = run ? Object.keys(run.metrics).sort() : [];
      const lists = await Promise.all(keys.map((k) => tracking.metricHistory(id, k)));
      const histories = Object.fromEntries(
        keys.map((k, i) => [k, lists[i]!.map((p) => ({ ...p, run: run!.name }))]),
      );
      if (full && run) {
        const registry = dexieRegistryPort(db);
        const [energy, artifacts, models] = await Promise.all([
          readSetting(db, ENERGY_KEY, DEFAULT_ENERGY),
          tracking.artifacts(id),
          registry.models(),
        ]);
        const versions = await Promise.all(models.map((m) => registry.versions(m.name)));
        this.energy = energy;
        this.artifacts = artifacts.sort((a, b) => a.path.localeCompare(b.path));
        this.versions = versions.flat().filter((v) => v.runId === id);
      }
      this.run = run;
      this.histories = histories;
    } catch (error) {
      this.error = (error as Error).message;
    }
    this.loaded = true;
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /**
   * Loads the run and, while it is still running, reloads it every `everyMs`: a training run's loss
   * curve grows on the page as epochs end (they are stored as they end).
   */
  async watch(id: string, everyMs = 1500, full = true): Promise<void> {
    await this.load(id, full);
    if (this.#stopped) return;
    if (this.run?.status === 'RUNNING')
      this.#timer = setTimeout(() => void this.watch(id, everyMs, false), everyMs);
    // It just ended: its artifacts and registered versions may be new.
    else if (!full) await this.load(id);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.closePreview();
  }

  async setEnergy(assumptions: EnergyAssumptions): Promise<void> {
    this.energy = assumptions;
    await writeSetting(await workspace.store, ENERGY_KEY, assumptions);
  }

  async open(info: ArtifactInfo): Promise<void> {
    const bytes = await dexieTrackingPort(await workspace.store).artifact(info.runId, info.path);
    if (!bytes) return;
    this.closePreview();
    // HTML is textual too: it is shown as its source, never rendered.
    const textual = /^(text\/|application\/(json|yaml))/.test(info.mime);
    // Pictures (a logged Plot figure) go to an <img>: an SVG shown that way runs no script.
    const image = isImage(info.mime) ? imagePreviewUrl(bytes, info.mime) : null;
    this.preview = {
      path: info.path,
      image,
      text: textual
        ? new TextDecoder().decode(bytes.subarray(0, PREVIEW_BYTES)) +
          (bytes.length > PREVIEW_BYTES ? '\n…' : '')
        : `${info.mime}, ${bytes.length.toLocaleString()} bytes`,
      download: URL.createObjectURL(downloadBlob([bytes as Uint8Array<ArrayBuffer>])),
      name: downloadName(info.path),
    };
  }

  closePreview(): void {
    if (!this.preview) return;
    URL.revokeObjectURL(this.preview.download);
    if (this.preview.image?.startsWith('blob:')) URL.revokeObjectURL(this.preview.image);
    this.preview = null;
  }
}
