import { z } from 'zod';

/** A job or step id: GitHub's rule (letter or `_` first; letters, digits, `-`, `_`). */
const ID = /^[A-Za-z_][\w-]*$/;
const id = z.string().regex(ID, 'start with a letter or "_"; then letters, digits, "-" or "_"');
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const env = z.record(
  z.string().regex(/^[A-Za-z_]\w*$/, 'an env name is letters, digits, "_"'),
  scalar,
);
const branches = z.array(z.string().min(1)).min(1, 'list at least one branch pattern');
/** GitHub takes fractions; a lesson wants short limits (0.05 minutes = 3 s). */
const timeout = z.number().positive().max(60, 'a step or job may run at most 60 minutes');

const branchFilter = z
  .strictObject({
    branches: branches.optional(),
    'branches-ignore': branches.optional(),
  })
  .nullable();

export const EVENTS = [
  'push',
  'pull_request',
  'workflow_dispatch',
  'schedule',
  'repository_dispatch',
] as const;

const onObject = z.strictObject({
  push: branchFilter.optional(),
  pull_request: branchFilter.optional(),
  workflow_dispatch: z
    .strictObject({
      inputs: z
        .record(
          id,
          z.strictObject({
            description: z.string().optional(),
            required: z.boolean().optional(),
            default: scalar.optional(),
            type: z.enum(['string', 'number', 'boolean', 'choice']).optional(),
            options: z.array(z.string()).optional(),
          }),
        )
        .optional(),
    })
    .nullable()
    .optional(),
  schedule: z
    .array(z.strictObject({ cron: z.string() }))
    .min(1)
    .optional(),
  /** An outside system calls in: the Labbook's monitoring sends `types: [alert]`. */
  repository_dispatch: z
    .strictObject({ types: z.array(z.string().min(1)).min(1) })
    .nullable()
    .optional(),
});

const stepSchema = z
  .strictObject({
    id: id.optional(),
    name: z.string().optional(),
    if: z.union([z.string(), z.boolean()]).optional(),
    uses: z.string().optional(),
    with: z.record(z.string(), scalar).optional(),
    run: z.string().optional(),
    env: env.optional(),
    'timeout-minutes': timeout.optional(),
    'continue-on-error': z.boolean().optional(),
  })
  .refine((s) => (s.uses === undefined) !== (s.run === undefined), {
    message: 'a step has either `uses:` (an action) or `run:` (labbook commands), exactly one',
  });

const matrixValue = z.array(scalar).min(1, 'a matrix key needs at least one value');
const matrixSchema = z
  .object({
    include: z.array(z.record(z.string(), scalar)).optional(),
    exclude: z.array(z.record(z.string(), scalar)).optional(),
  })
  .catchall(matrixValue);

const jobSchema = z.strictObject({
  name: z.string().optional(),
  'runs-on': z.string().optional(),
  needs: z.union([id, z.array(id)]).optional(),
  if: z.union([z.string(), z.boolean()]).optional(),
  env: env.optional(),
  strategy: z
    .strictObject({
      matrix: matrixSchema,
      'fail-fast': z.boolean().optional(),
      'max-parallel': z.number().int().positive().optional(),
    })
    .optional(),
  outputs: z.record(id, z.string()).optional(),
  'timeout-minutes': timeout.optional(),
  'continue-on-error': z.boolean().optional(),
  steps: z.array(stepSchema).min(1, 'a job needs at least one step'),
});

export const workflowSchema = z.strictObject({
  name: z.string().optional(),
  on: z.union([z.enum(EVENTS), z.array(z.enum(EVENTS)).min(1), onObject]),
  env: env.optional(),
  jobs: z
    .record(id, jobSchema)
    .refine((jobs) => Object.keys(jobs).length > 0, 'list at least one job'),
});

export type StepSpec = z.infer<typeof stepSchema>;
export type JobSpec = z.infer<typeof jobSchema>;
type Scalar = string | number | boolean;
/** A matrix: keys with lists of values, plus `include` / `exclude` combinations. */
export type MatrixSpec = {
  include?: Record<string, Scalar>[];
  exclude?: Record<string, Scalar>[];
} & Record<string, unknown>;
type RawWorkflow = z.infer<typeof workflowSchema>;
export type Triggers = z.infer<typeof onObject>;

/** A validated workflow with `on:` in its one long form and `needs:` always a list. */
export interface Workflow extends Omit<RawWorkflow, 'on' | 'jobs'> {
  file: string;
  name: string;
  on: Triggers;
  jobs: Record<string, JobSpec & { needs: string[] }>;
}

/** Keys each level takes, for "did you mean" on an unknown key. */
export const KEYS = {
  workflow: ['name', 'on', 'env', 'jobs'],
  on: [...EVENTS],
  job: Object.keys(jobSchema.shape),
  step: ['id', 'name', 'if', 'uses', 'with', 'run', 'env', 'timeout-minutes', 'continue-on-error'],
  filter: ['branches', 'branches-ignore'],
  strategy: ['matrix', 'fail-fast', 'max-parallel'],
} as const;
