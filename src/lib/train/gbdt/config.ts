import type { EpochReport } from '../mlp';
import type { IterationReport } from './boosting';
import { GBDT_PARAM_NAMES, type GbdtParams } from './params';

/** The booster's parameters among a pipeline config's `model` fields (same names as sklearn's). */
export function gbdtParamsOf(
  model: Partial<Record<keyof GbdtParams, unknown>>,
): Partial<GbdtParams> {
  return Object.fromEntries(
    GBDT_PARAM_NAMES.filter((k) => model[k] !== undefined).map((k) => [k, model[k]]),
  ) as Partial<GbdtParams>;
}

/** A boosting round as a loss-curve step, so runs record it as they record an MLP's epochs. */
export const roundAsEpoch = (r: IterationReport): EpochReport => ({
  epoch: r.iteration,
  loss: r.loss,
  valLoss: r.valLoss,
  seconds: r.seconds,
});
