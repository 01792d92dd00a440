import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { expectationSchema, type Expectation } from '../data/validation/schema';
import { recipes, RECIPES } from '../features/recipes';
import { metricIds, type MetricId } from '../metrics';
import { modelTestSchema } from '../registry/model-tests';
import { GATED_ALIASES } from '../registry/registry';
import { didYouMean } from '../lessons/errors';
import { MODEL_KINDS } from '../train/model';
import { LabbookError } from '../errors';

/**
 * A training pipeline as configuration, the way the course refactors its notebook: data version,
 * features, model, hyperparameters and random state in one YAML file that is tracked with the run.
 */
const names = z.array(z.string().min(1));
export const pipelineConfigSchema = z.strictObject({
  name: z.string().min(1),
  /** One seed for everything random: the split, the folds. */
  random_state: z.number().int().nonnegative(),
  experiment: z.string().min(1).optional(),
  data: z.strictObject({
    /** A dataset name (its newest version), `name@v-…` or a version id. */
    dataset: z.string().min(1),
    split: z
      .union([z.literal('course'), z.strictObject({ test_size: z.number().gt(0).lt(1) })])
      .default({ test_size: 0.25 }),
    /** Great Expectations-style expectations: the pipeline stops when one fails. */
    validate: z.array(expectationSchema).optional(),
  }),
  features: z.strictObject({
    recipe: z.enum(RECIPES).default('columns'),
    /** For the `columns` recipe: which numeric columns are features (all but the target if left out). */
    columns: names.optional(),
    target: z.string().min(1),
    target_transform: z.enum(['none', 'log1p']).default('none'),
    scale: names.default([]),
    passthrough: names.default([]),
    onehot: names.default([]),
    /** Training rows outside these quantiles of the named columns are dropped (never test rows). */
    clean: z
      .strictObject({
        columns: names.min(1),
        quantiles: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
      })
      .optional(),
    abnormal_share: z.number().gt(0).lt(1).optional(),
    rare_quantile: z.number().gt(0).lt(0.5).optional(),
  }),
  model: z.strictObject({
    kind: z.enum(MODEL_KINDS),
    alpha: z.number().nonnegative().optional(),
    /** Cross-validated grid search over alpha; the best is refitted on all training rows. */
    grid: z.strictObject({ alpha: z.array(z.number().nonnegative()).min(1) }).optional(),
    folds: z.number().int().min(2).max(20).default(5),
    /** For `mlp`: hidden layer sizes and training settings (seeded by random_state). */
    hidden: z.array(z.number().int().min(1).max(1024)).min(1).max(8).optional(),
    epochs: z.number().int().min(1).max(1000).optional(),
    batch_size: z.number().int().min(1).optional(),
    /** For `mlp` and `gbdt` (the trees' shrinkage). */
    learning_rate: z.number().gt(0).max(10).optional(),
    backend: z.enum(['wasm', 'webgl', 'cpu']).optional(),
    /** For `gbdt`: scikit-learn's HistGradientBoostingRegressor parameters, same names. */
    max_iter: z.number().int().min(1).max(10000).optional(),
    max_leaf_nodes: z.number().int().min(2).nullable().optional(),
    max_depth: z.number().int().min(1).nullable().optional(),
    min_samples_leaf: z.number().int().min(1).optional(),
    l2_regularization: z.number().nonnegative().optional(),
    max_bins: z.number().int().min(2).max(255).optional(),
    early_stopping: z.boolean().optional(),
    validation_fraction: z.number().gt(0).lt(1).optional(),
    n_iter_no_change: z.number().int().min(1).optional(),
    tol: z.number().nonnegative().optional(),
  }),
  metrics: z
    .array(z.enum(metricIds as [MetricId, ...MetricId[]]))
    .min(1)
    .default(['rmse', 'mae', 'r2']),
  register: z
    .strictObject({
      name: z.string().min(1),
      alias: z.string().min(1).optional(),
      /**
       * Model tests run on the new version before the alias is set (the registry's kinds:
       * minimum, invariance, directional). A gated alias (champion) needs them: it is set only
       * when the required tests pass, otherwise the version stays registered without it.
       */
      tests: z.array(modelTestSchema).min(1).optional(),
    })
    .optional(),
});

export type PipelineConfig = z.output<typeof pipelineConfigSchema> & {
  data: { validate?: Expectation[] };
};

export interface ConfigProblem {
  path: string;
  line: number | null;
  message: string;
}

export class PipelineConfigError extends LabbookError<'invalid-config'> {
  override name = 'PipelineConfigError';
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(
      'invalid-config',
      `${file} is not a valid pipeline config:\n${problems
        .map((p) => `  ${p.line ? `line ${p.line}, ` : ''}${p.path || '(top)'}: ${p.message}`)
        .join('\n')}`,
    );
  }
}

/** The line of the deepest node that exists along `path` (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: PropertyKey[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

const pathText = (path: PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** Reads a pipeline config from YAML; every problem names its line and field. */
export function parsePipelineConfig(source: string, file = 'pipeline.yaml'): PipelineConfig {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0)
    throw new PipelineConfigError(
      file,
      doc.errors.map((e) => ({
        path: '',
        line: counter.linePos(e.pos[0]).line,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  const raw: unknown = doc.toJS();
  const parsed = pipelineConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new PipelineConfigError(
      file,
      parsed.error.issues.map((issue) => ({
        path: pathText(issue.path),
        // An unknown key points at itself, not at the map that holds it.
        line: lineOf(
          doc,
          counter,
          issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path,
        ),
        message: explainIssue(issue, raw),
      })),
    );
  const config = parsed.data as PipelineConfig;
  const problems = crossCheck(config).map(({ path, message }) => ({
    path: pathText(path),
    line: lineOf(doc, counter, path),
    message,
  }));
  if (problems.length > 0) throw new PipelineConfigError(file, problems);
  return config;
}

/** The keys the schema allows at `path` (an object's), or none where the path is not one. */
function knownKeys(path: PropertyKey[]): string[] {
  let schema: unknown = pipelineConfigSchema;
  for (const key of path) {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    schema = shape?.[String(key)];
    // Unwrap optional/default/nullable wrappers to reach the object inside.
    while ((schema as { unwrap?: () => unknown } | undefined)?.unwrap)
      schema = (schema as { unwrap: () => unknown }).unwrap();
  }
  return Object.keys((schema as { shape?: object } | undefined)?.shape ?? {});
}

/** zod's message, with the likely key or kind meant when a name is misspelt. */
function explainIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'unrecognized_keys')
    return `${issue.message}.${issue.keys.map((k) => didYouMean(k, knownKeys(issue.path))).join('')}`;
  if (issue.code === 'invalid_value' && pathText(issue.path) === 'model.kind') {
    const given = (raw as { model?: { kind?: unknown } }).model?.kind;
    return `${issue.message}.${didYouMean(String(given), MODEL_KINDS)}`;
  }
  return issue.message;
}

const MLP_ONLY = ['hidden', 'epochs', 'batch_size', 'backend'] as const;
const GBDT_ONLY = [
  'max_iter',
  'max_leaf_nodes',
  'max_depth',
  'min_samples_leaf',
  'l2_regularization',
  'max_bins',
  'early_stopping',
  'validation_fraction',
  'n_iter_no_change',
  'tol',
] as const;

/** Checks across fields: features the recipe makes, a model kind that takes alpha, a gated alias. */
function crossCheck(config: PipelineConfig): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const f = config.features;
  if (f.recipe !== 'columns' && f.columns)
    problems.push({
      path: ['features', 'columns'],
      message: `only the "columns" recipe takes columns; "${f.recipe}" makes its own features`,
    });
  const known =
    f.recipe === 'columns'
      ? null
      : new Set(recipes[f.recipe].features({ kind: f.recipe } as never));
  const seen = new Map<string, string>();
  for (const group of ['scale', 'passthrough', 'onehot'] as const)
    f[group].forEach((name, i) => {
      if (known && !known.has(name))
        problems.push({
          path: ['features', group, i],
          message: `the ${f.recipe} recipe makes no feature "${name}" (it makes ${[...known].join(', ')})`,
        });
      if (seen.has(name))
        problems.push({
          path: ['features', group, i],
          message: `"${name}" is already in features.${seen.get(name)}`,
        });
      seen.set(name, group);
    });
  if (seen.size === 0 && config.model.kind !== 'mean' && config.model.kind !== 'median')
    problems.push({
      path: ['features'],
      message: 'list the features the model uses under scale, passthrough or onehot',
    });
  const m = config.model;
  const takesAlpha = m.kind === 'ridge' || m.kind === 'lasso';
  if (!takesAlpha && (m.alpha !== undefined || m.grid))
    problems.push({ path: ['model', 'kind'], message: `a ${m.kind} model takes no alpha or grid` });
  for (const [kind, only] of [
    ['mlp', MLP_ONLY],
    ['gbdt', GBDT_ONLY],
  ] as const) {
    const given = only.filter((k) => m[k] !== undefined);
    if (m.kind !== kind && given.length > 0)
      problems.push({
        path: ['model', given[0]!],
        message: `${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} for kind ${kind} only`,
      });
  }
  if (m.learning_rate !== undefined && m.kind !== 'mlp' && m.kind !== 'gbdt')
    problems.push({
      path: ['model', 'learning_rate'],
      message: 'learning_rate is for kinds mlp and gbdt only',
    });
  if (m.alpha !== undefined && m.grid)
    problems.push({
      path: ['model', 'grid'],
      message: 'give alpha or a grid over alpha, not both',
    });
  const r = config.register;
  // A gated alias set without tests would always be refused, after the run did all its work.
  if (r?.alias && (GATED_ALIASES as readonly string[]).includes(r.alias)) {
    if (!r.tests)
      problems.push({
        path: ['register', 'alias'],
        message: `only a version whose required model tests passed can be "${r.alias}": either add register.tests (run on the new version before the alias is set) or leave the alias out and set it later with lab.registry.setAlias`,
      });
    else if (r.tests.every((t) => t.required === false))
      problems.push({
        path: ['register', 'tests'],
        message: `every test is optional (required: false), so "${r.alias}" would always be refused: make at least one test required`,
      });
  }
  return problems;
}
