import COEFFICIENTS from './coefficients.js';
import { isHighTraffic } from './features.js';

/**
 * Predicted trip duration in seconds. The model is linear in log space, as the course's taxi
 * notebook fits it (the target is log1p(trip_duration)), so the prediction undoes the log.
 */
export function predictDuration(trip) {
  const c = COEFFICIENTS;
  const traffic = isHighTraffic(trip.hour, trip.weekday) ? 1 : 0;
  const logSeconds =
    c.intercept + c.logDistance * Math.log1p(trip.distance_km) + c.highTraffic * traffic;
  return Math.expm1(logSeconds);
}
