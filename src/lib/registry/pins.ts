import { version as tfjsVersion } from '@tensorflow/tfjs/package.json';
import { quoted } from '../project/containers/diagnostic';
import { RegistryError } from './errors';
import type { ModelVersion } from './types';

/**
 * What a version was registered with: the TF.js the Labbook bundled (read from its package.json
 * at build time) and the format of the preprocessing it saved (the pipeline model's `format@version`).
 */
export interface VersionPins {
  tfjs: string;
  preprocessing: string;
}

/** The preprocessing format this Labbook writes and reads (PipelineModelState's `version: 1`). */
export const PREPROCESSING_FORMAT = 'mlops-labbook-pipeline@1';

/** The pins of the running Labbook. */
export const RUNNING_PINS: VersionPins = { tfjs: tfjsVersion, preprocessing: PREPROCESSING_FORMAT };

const SEMVER = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:[-+][\w.-]{0,64})?$/;

/** A pin fit to quote in a message: hostile stored values are cut short and made visible. */
const shown = (value: unknown) => quoted(value, 40);

/**
 * Why a version's pins stop it loading here, or null when they match. TF.js must agree on major
 * and minor (a patch release reads the same weights); the preprocessing format must be equal.
 */
export function pinMismatch(
  where: string,
  pins: unknown,
  running: VersionPins = RUNNING_PINS,
): RegistryError | null {
  const recorded = (pins ?? {}) as Partial<Record<keyof VersionPins, unknown>>;
  const fix = `Re-register the run's model in this Labbook (lab.registry.registerModel), or export the workspace and open it in a Labbook with`;
  const tf = typeof recorded.tfjs === 'string' ? SEMVER.exec(recorded.tfjs) : null;
  const now = SEMVER.exec(running.tfjs)!;
  if (!tf)
    return new RegistryError(
      'pin-mismatch',
      `${where} has an unreadable TF.js pin ${shown(recorded.tfjs)} in its MLmodel (expected a version like ${running.tfjs}). ${fix} the TF.js it was made with.`,
    );
  if (tf[1] !== now[1] || tf[2] !== now[2]) {
    const newer =
      Number(tf[1]) > Number(now[1]) || (tf[1] === now[1] && Number(tf[2]) > Number(now[2]));
    return new RegistryError(
      'pin-mismatch',
      `${where} was registered with TF.js ${recorded.tfjs as string}; this Labbook runs TF.js ${running.tfjs}${newer ? ' (older: the version comes from a newer Labbook)' : ''}. ${fix} TF.js ${tf[1]}.${tf[2]}.x.`,
    );
  }
  if (recorded.preprocessing !== running.preprocessing)
    return new RegistryError(
      'pin-mismatch',
      `${where} was registered with preprocessing format ${shown(recorded.preprocessing)}; this Labbook reads ${running.preprocessing}. ${fix} preprocessing format ${shown(recorded.preprocessing)}.`,
    );
  return null;
}

/**
 * The load check of a registered version. Versions registered before pins were recorded load
 * with a warning rather than being refused: refusing would lock the student out of their own
 * work with nothing to fix but re-registering.
 */
export function checkPins(version: ModelVersion, where: string): { warnings: string[] } {
  if (version.pins === undefined)
    return {
      warnings: [
        `${where} has no pinned versions (it was registered before the Labbook recorded them); it is loaded with TF.js ${RUNNING_PINS.tfjs} and ${RUNNING_PINS.preprocessing}. Re-register it to pin them.`,
      ],
    };
  const refused = pinMismatch(where, version.pins);
  if (refused) throw refused;
  return { warnings: [] };
}
