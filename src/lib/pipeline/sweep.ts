import { createRng } from '../data/random';
import {
  parsePipelineConfig,
  pipelineConfigSchema,
  PipelineConfigError,
  type PipelineConfig,
} from './config';

/** A value range for random search: uniform, or log-uniform for scales such as alpha. */
export interface Range {
  min: number;
  max: number;
  log?: boolean;
  integer?: boolean;
}

/** What to vary: config paths such as `model.alpha` or `features.scale`. */
export type SweepSpec =
  | { grid: Record<string, unknown[]> }
  | { random: Record<string, Range | unknown[]>; trials: number; seed?: number };

export interface Trial {
  index: number;
  /** The values this trial sets, by path. */
  values: Record<string, unknown>;
  config: PipelineConfig;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

const label = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(([k, v]) => `${k.split('.').at(-1)}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(' ');

function sample(range: Range | unknown[], rng: ReturnType<typeof createRng>): unknown {
  if (Array.isArray(range)) return range[rng.int(0, range.length - 1)];
  const u = rng.next();
  const v = range.log
    ? Math.exp(Math.log(range.min) + u * (Math.log(range.max) - Math.log(range.min)))
    : range.min + u * (range.max - range.min);
  return range.integer ? Math.round(v) : Number(v.toPrecision(4));
}

/**
 * Expands a sweep into one checked config per trial: every combination of a grid, or `trials`
 * seeded random draws. Every trial is validated like a config file, so a bad value is reported
 * with its trial before anything runs.
 */
export function expandSweep(base: string | PipelineConfig, spec: SweepSpec): Trial[] {
  const config = typeof base === 'string' ? parsePipelineConfig(base) : base;
  let combos: Record<string, unknown>[];
  if ('grid' in spec) {
    combos = [{}];
    for (const [path, values] of Object.entries(spec.grid)) {
      if (!Array.isArray(values) || values.length === 0)
        throw new RangeError(`sweep grid: "${path}" needs a non-empty list of values.`);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [path]: v })));
    }
  } else {
    if (!Number.isInteger(spec.trials) || spec.trials < 1)
      throw new RangeError(
        `sweep random: trials must be a positive whole number (got ${spec.trials}).`,
      );
    const rng = createRng(spec.seed ?? config.random_state);
    combos = Array.from({ length: spec.trials }, () =>
      Object.fromEntries(Object.entries(spec.random).map(([p, r]) => [p, sample(r, rng)])),
    );
  }
  return combos.map((values, index) => {
    const raw = structuredClone(config) as unknown as Record<string, unknown>;
    for (const [path, value] of Object.entries(values)) setPath(raw, path, value);
    raw.name = `${config.name} [${label(values)}]`;
    raw.experiment = config.experiment ?? config.name;
    const parsed = pipelineConfigSchema.safeParse(raw);
    if (!parsed.success)
      throw new PipelineConfigError(
        `sweep trial ${index + 1} (${label(values)})`,
        parsed.error.issues.map((i) => ({
          path: i.path.join('.'),
          line: null,
          message: i.message,
        })),
      );
    return { index, values, config: parsed.data as PipelineConfig };
  });
}

/** Runs trials `concurrency` at a time (one per worker in the app), reporting each as it ends. */
export async function runQueued<T>(
  trials: Trial[],
  concurrency: number,
  run: (trial: Trial) => Promise<T>,
  onDone?: (trial: Trial, outcome: { result?: T; error?: Error }) => void,
): Promise<{ trial: Trial; result?: T; error?: Error }[]> {
  const outcomes: { trial: Trial; result?: T; error?: Error }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < trials.length) {
      const trial = trials[next++]!;
      try {
        const result = await run(trial);
        outcomes.push({ trial, result });
        onDone?.(trial, { result });
      } catch (error) {
        outcomes.push({ trial, error: error as Error });
        onDone?.(trial, { error: error as Error });
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, trials.length)) }, lane),
  );
  return outcomes.sort((a, b) => a.trial.index - b.trial.index);
}
