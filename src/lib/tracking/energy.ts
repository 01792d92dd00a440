/**
 * An energy and carbon estimate per run, the way CodeCarbon explains its numbers: duration ×
 * the power the device draws × the carbon intensity of the grid that powers it. A browser cannot
 * measure power, so both factors are stated assumptions the student can change.
 */
export interface EnergyAssumptions {
  /** Average power drawn while training, in watts (a laptop under load: about 30 W). */
  watts: number;
  /** Grid carbon intensity in grams of CO₂-equivalent per kWh (the world's average: about 440). */
  gramsPerKwh: number;
}

export const DEFAULT_ENERGY: EnergyAssumptions = { watts: 30, gramsPerKwh: 440 };

export interface EnergyEstimate {
  seconds: number;
  kwh: number;
  gramsCo2e: number;
  assumptions: EnergyAssumptions;
}

export function estimateEnergy(
  seconds: number,
  assumptions: EnergyAssumptions = DEFAULT_ENERGY,
): EnergyEstimate {
  for (const [name, value] of Object.entries({ seconds, ...assumptions }))
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative number (got ${value}).`);
  const kwh = (assumptions.watts * seconds) / 3_600_000;
  return { seconds, kwh, gramsCo2e: kwh * assumptions.gramsPerKwh, assumptions };
}

/** "0.25 Wh, 0.11 g CO₂e": small numbers in units a student can picture. */
export function formatEnergy(e: EnergyEstimate): string {
  const wh = e.kwh * 1000;
  const energy = wh < 1000 ? `${wh.toPrecision(2)} Wh` : `${e.kwh.toPrecision(3)} kWh`;
  const co2 =
    e.gramsCo2e < 1000
      ? `${e.gramsCo2e.toPrecision(2)} g`
      : `${(e.gramsCo2e / 1000).toPrecision(3)} kg`;
  return `${energy}, ${co2} CO₂e`;
}
