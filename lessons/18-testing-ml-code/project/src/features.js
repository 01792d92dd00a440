// Features of a taxi trip: the course notebook's feature engineering, as a module tests can import.

export const EARTH_RADIUS_KM = 6371;

const toRadians = (degrees) => (degrees * Math.PI) / 180;

/** Great-circle distance in km between two points given in degrees (latitude, longitude). */
export function haversine(lat1, lon1, lat2, lon2) {
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

/**
 * The course's high-traffic windows: Monday–Friday 8–19 h and Saturday 13–20 h, hours inclusive.
 * weekday: Monday = 0 … Sunday = 6, as pandas' dt.weekday.
 */
export function isHighTraffic(hour, weekday) {
  const weekdayRush = weekday <= 4 && hour >= 8 && hour <= 19;
  const saturdayRush = weekday === 5 && hour >= 13 && hour <= 20;
  return weekdayRush || saturdayRush;
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The dataset's naive New York wall time, read as UTC so no time zone shifts the hour. */
function parsePickup(text) {
  if (typeof text !== 'string' || !DATETIME.test(text))
    throw new TypeError(
      `pickup_datetime must look like "2016-02-10 20:14:03"; got ${JSON.stringify(text)}`,
    );
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** A trip row with the model's features added: distance_km, hour, weekday, is_high_traffic. */
export function addFeatures(trip) {
  const pickup = parsePickup(trip.pickup_datetime);
  const hour = pickup.getUTCHours();
  const weekday = (pickup.getUTCDay() + 6) % 7;
  const distance_km = haversine(
    trip.pickup_latitude,
    trip.pickup_longitude,
    trip.dropoff_latitude,
    trip.dropoff_longitude,
  );
  return { ...trip, distance_km, hour, weekday, is_high_traffic: isHighTraffic(hour, weekday) };
}
