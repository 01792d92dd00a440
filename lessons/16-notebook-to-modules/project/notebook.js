// The taxi notebook, as a data scientist handed it over: every cell pasted into one function.
// It works. Nothing in it can be reused, tested or configured, and it keeps state between runs.
// The lesson takes it apart into src/features.js, src/train.js, src/evaluate.js and config.yml.

let featureCache = null; // "makes reruns faster"
let runCount = 0;

export function runNotebook(rows) {
  runCount++;
  console.log('run ' + runCount + ': ' + rows.length + ' trips');

  // --- features ---
  if (featureCache === null || featureCache.length !== rows.length) {
    featureCache = rows.map((r) => {
      const toRad = Math.PI / 180;
      const dLat = (r.dropoff_latitude - r.pickup_latitude) * toRad;
      const dLon = (r.dropoff_longitude - r.pickup_longitude) * toRad;
      const a =
        Math.sin(dLat / 2) ** 2 +
        Math.cos(r.pickup_latitude * toRad) *
          Math.cos(r.dropoff_latitude * toRad) *
          Math.sin(dLon / 2) ** 2;
      const km = 2 * 6371 * Math.asin(Math.sqrt(a));
      const t = new Date(r.pickup_datetime);
      const hour = t.getUTCHours();
      const weekday = (t.getUTCDay() + 6) % 7;
      const traffic =
        (weekday <= 4 && hour >= 8 && hour <= 19) || (weekday === 5 && hour >= 13 && hour <= 20);
      return {
        distance_haversine: km,
        log_distance_haversine: Math.log1p(km),
        hour: hour,
        weekday: weekday,
        is_high_traffic_trip: traffic ? 1 : 0,
        y: Math.log1p(r.trip_duration),
      };
    });
  }
  const data = featureCache;

  // --- split ---
  let s = 42;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const idx = data.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = idx[i];
    idx[i] = idx[j];
    idx[j] = tmp;
  }
  const nTest = Math.round(data.length * 0.3);
  const test = idx.slice(0, nTest).map((i) => data[i]);
  const train = idx.slice(nTest).map((i) => data[i]);

  // --- train: ridge on standardised features, by the normal equations ---
  const cols = ['log_distance_haversine', 'hour', 'weekday', 'is_high_traffic_trip'];
  const mean = cols.map((c) => train.reduce((sum, r) => sum + r[c], 0) / train.length);
  const std = cols.map(
    (c, k) =>
      Math.sqrt(train.reduce((sum, r) => sum + (r[c] - mean[k]) ** 2, 0) / train.length) || 1,
  );
  const row = (r) => [1, ...cols.map((c, k) => (r[c] - mean[k]) / std[k])];
  const d = cols.length + 1;
  const A = Array.from({ length: d }, () => new Array(d).fill(0));
  const b = new Array(d).fill(0);
  for (const r of train) {
    const x = row(r);
    for (let i = 0; i < d; i++) {
      b[i] += x[i] * r.y;
      for (let j = 0; j < d; j++) A[i][j] += x[i] * x[j];
    }
  }
  for (let i = 1; i < d; i++) A[i][i] += 1.0; // alpha; the intercept is not penalised
  // Gaussian elimination with partial pivoting
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let i = c + 1; i < d; i++) if (Math.abs(A[i][c]) > Math.abs(A[p][c])) p = i;
    [A[c], A[p]] = [A[p], A[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let i = c + 1; i < d; i++) {
      const f = A[i][c] / A[c][c];
      for (let j = c; j < d; j++) A[i][j] -= f * A[c][j];
      b[i] -= f * b[c];
    }
  }
  const w = new Array(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let sum = b[i];
    for (let j = i + 1; j < d; j++) sum -= A[i][j] * w[j];
    w[i] = sum / A[i][i];
  }

  // --- evaluate ---
  let se = 0;
  let sle = 0;
  for (const r of test) {
    const x = row(r);
    const pred = x.reduce((sum, v, i) => sum + v * w[i], 0);
    sle += (pred - r.y) ** 2;
    se += (Math.expm1(pred) - Math.expm1(r.y)) ** 2;
  }
  const rmsle = Math.sqrt(sle / test.length);
  const rmse = Math.sqrt(se / test.length);
  console.log('RMSLE ' + rmsle + ' RMSE ' + rmse);
  return { rmsle: rmsle, rmse: rmse };
}
