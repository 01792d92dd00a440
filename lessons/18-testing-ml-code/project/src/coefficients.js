// The fitted model: least squares of log1p(trip_duration) on log1p(distance_km) and
// is_high_traffic, over the NYC-taxi sample (the lesson's "Where the model comes from" cell refits it).
export default {
  intercept: 5.2566,
  logDistance: 0.8849,
  highTraffic: 0.2203,
};
