/** Features of one NYC taxi trip (a row of the nyc-taxi data) for the trip-duration model. */

const EARTH_KM = 6371;
const rad = (deg) => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance from pickup to dropoff, in kilometres. */
export function distanceKm(trip) {
  const dLat = rad(trip.dropoff_latitude - trip.pickup_latitude);
  const dLon = rad(trip.dropoff_longitude - trip.pickup_longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(trip.pickup_latitude)) *
      Math.cos(rad(trip.dropoff_latitude)) *
      Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(a));
}

/** Hour of the pickup, 0–23, as the data records it ("2016-02-10 20:14:03" → 20). */
export function pickupHour(trip) {
  return Number(trip.pickup_datetime.slice(11, 13));
}

/** Passengers on board; the column is optional in the input schema. */
export function passengers(trip) {
  return trip.passenger_count ?? 1;
}
