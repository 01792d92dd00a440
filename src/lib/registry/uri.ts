import { RegistryError } from './errors';

/** A model reference as MLflow writes it. */
export type ModelUri =
  | { kind: 'version'; name: string; version: number }
  | { kind: 'alias'; name: string; alias: string }
  | { kind: 'run'; runId: string; path: string };

const NAME = String.raw`[A-Za-z0-9][\w.\- ]*`;
const VERSION_URI = new RegExp(String.raw`^models:/(${NAME})/(\d+)$`);
const ALIAS_URI = new RegExp(String.raw`^models:/(${NAME})@([A-Za-z][\w-]*)$`);
const RUN_URI = /^runs:\/([\w-]+)\/(.+)$/;

const FORMS = '`models:/<name>/<version>`, `models:/<name>@<alias>` or `runs:/<run id>/<path>`';

export function parseModelUri(uri: string): ModelUri {
  const version = VERSION_URI.exec(uri);
  if (version) return { kind: 'version', name: version[1]!, version: Number(version[2]) };
  const alias = ALIAS_URI.exec(uri);
  if (alias) return { kind: 'alias', name: alias[1]!, alias: alias[2]! };
  const run = RUN_URI.exec(uri);
  if (run) return { kind: 'run', runId: run[1]!, path: run[2]!.replace(/\/+$/, '') };
  throw new RegistryError('bad-uri', `"${uri}" is not a model URI; write ${FORMS}.`);
}

export const versionUri = (name: string, version: number) => `models:/${name}/${version}`;
