// Features of a taxi trip, as the course notebook builds them.

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
  const weekdayRush = weekday <= 4 && hour >= 8 && hours <= 19;
  const saturdayRush = weekday === 5 && hour >= 13 && hour <= 20;
  return weekdayRush || saturdayRush;
}
