import { z } from 'zod';

/** When a canary is pulled back on its own; checked over the recent requests of each variant. */
export const rollbackRulesSchema = z.strictObject({
  maxErrorRate: z
    .number()
    .min(0)
    .max(1)
    .default(0.05)
    .describe('Roll back when more than this share of the canary’s requests fail.'),
  maxP95Ms: z
    .number()
    .positive()
    .default(250)
    .describe('Roll back when the canary’s 95th-percentile latency exceeds this (ms).'),
  maxLabelErrorRatio: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe(
      'Roll back when the canary’s mean absolute error on labelled requests exceeds the stable one’s times this (e.g. 1.2). null: do not compare.',
    ),
  minRequests: z
    .number()
    .int()
    .positive()
    .default(20)
    .describe(
      'Judge the canary only after it has answered (or been labelled on) this many requests.',
    ),
  window: z.number().int().positive().default(200).describe('How many recent requests are judged.'),
});
export type RollbackRules = z.infer<typeof rollbackRulesSchema>;

const version = z.number().int().positive();
const percent = z.number().min(0).max(100);

/** How an endpoint answers: the strategies the course teaches, each with the versions it uses. */
export const deploymentSchema = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('none') }),
  z.strictObject({ strategy: z.literal('single'), version }),
  z.strictObject({
    strategy: z.literal('blue-green'),
    blue: version,
    green: version,
    live: z.enum(['blue', 'green']).default('blue'),
  }),
  z.strictObject({
    strategy: z.literal('canary'),
    stable: version,
    canary: version,
    percent: percent.default(10),
    /** The ramp: the percentages the canary steps through before it is promoted. */
    plan: z.array(percent).min(1).default([10, 25, 50, 100]),
    rollback: rollbackRulesSchema.default(rollbackRulesSchema.parse({})),
    /** Take the plan's next step on its own after this many canary requests within the rules. */
    autoAdvance: z.number().int().positive().nullable().default(null),
  }),
  z.strictObject({ strategy: z.literal('shadow'), champion: version, challenger: version }),
]);
export type Deployment = z.infer<typeof deploymentSchema>;
export type DeploymentInput = z.input<typeof deploymentSchema>;

export type VariantName =
  'single' | 'blue' | 'green' | 'stable' | 'canary' | 'champion' | 'challenger';
export interface Variant {
  name: VariantName;
  version: number;
}
export interface Route {
  /** The variant whose answer the client gets. */
  serve: Variant;
  /** A variant that also scores the request, logged but never returned (shadow). */
  mirror: Variant | null;
}

/**
 * A key's place in [0, 1): FNV-1a over its UTF-16 code units. The same key always lands in the
 * same place, so a client stays on its variant while the canary's share is unchanged, and
 * raising the share only moves clients from stable to canary, never back.
 */
export function stickyShare(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // FNV's low bits mix poorly for short keys: a final avalanche (murmur3's fmix32) fixes that.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** Which variant answers a request with this key, and which one shadows it. Null: nothing deployed. */
export function route(deployment: Deployment, key: string): Route | null {
  switch (deployment.strategy) {
    case 'none':
      return null;
    case 'single':
      return { serve: { name: 'single', version: deployment.version }, mirror: null };
    case 'blue-green':
      return {
        serve: { name: deployment.live, version: deployment[deployment.live] },
        mirror: null,
      };
    case 'canary': {
      const toCanary = stickyShare(key) * 100 < deployment.percent;
      return {
        serve: toCanary
          ? { name: 'canary', version: deployment.canary }
          : { name: 'stable', version: deployment.stable },
        mirror: null,
      };
    }
    case 'shadow':
      return {
        serve: { name: 'champion', version: deployment.champion },
        mirror: { name: 'challenger', version: deployment.challenger },
      };
  }
}

/** Every version a deployment may call, so they can be loaded before traffic arrives. */
export function deployedVersions(deployment: Deployment): number[] {
  switch (deployment.strategy) {
    case 'none':
      return [];
    case 'single':
      return [deployment.version];
    case 'blue-green':
      return [deployment.blue, deployment.green];
    case 'canary':
      return [deployment.stable, deployment.canary];
    case 'shadow':
      return [deployment.champion, deployment.challenger];
  }
}

/** The version that answers most traffic: what "the deployed version" means on health pages. */
export function primaryVersion(deployment: Deployment): number | null {
  switch (deployment.strategy) {
    case 'none':
      return null;
    case 'single':
      return deployment.version;
    case 'blue-green':
      return deployment[deployment.live];
    case 'canary':
      return deployment.percent >= 100 ? deployment.canary : deployment.stable;
    case 'shadow':
      return deployment.champion;
  }
}

/** One line for timelines and tables, e.g. "canary v3 at 25 % over v2". */
export function describeDeployment(d: Deployment): string {
  switch (d.strategy) {
    case 'none':
      return 'nothing deployed';
    case 'single':
      return `v${d.version}`;
    case 'blue-green':
      return `blue v${d.blue} / green v${d.green}, ${d.live} live`;
    case 'canary':
      return `canary v${d.canary} at ${d.percent} % over v${d.stable}${
        (d.autoAdvance ?? null) === null
          ? ''
          : `, stepping on its own every ${d.autoAdvance} requests`
      }`;
    case 'shadow':
      return `v${d.champion} answering, v${d.challenger} in shadow`;
  }
}
