/**
 * Calibration targets measured on a 5 % sample (73,177 rows) of the real Kaggle "NYC Taxi Trip
 * Duration" train.csv — copied from datasets/nyc-taxi/calibration.md (the measurements, with
 * their provenance and conventions). The generator is tuned to these; the tests and `--report`
 * compare generated data against them.
 */
export const CALIBRATION = {
  fullRows: 1_458_644,
  durationQuantiles: { p1: 87, p5: 184, p25: 400, p50: 661, p75: 1069, p95: 2102, p99: 3434.5 },
  logDurationMean: 6.4668,
  logDurationStd: 0.7943,
  share: {
    over24h: 0.00001,
    over6h: 0.00152,
    under60s: 0.00593,
    under30s: 0.00354,
    atMost2s: 0.00018,
    samePoint: 0.0045,
    over50km: 0.00007,
    pickupOutsideBox: 0.00008,
    dropoffOutsideBox: 0.00061,
    eitherOutsideBox: 0.00063,
    pickupJfk: 0.02177,
    dropoffJfk: 0.00899,
    pickupLga: 0.02524,
    dropoffLga: 0.01226,
    vendor1: 0.46623,
    flagY: 0.00517,
  },
  /** share of passenger_count 0..6 */
  passengers: [0.00004, 0.70834, 0.14408, 0.04101, 0.01771, 0.05545, 0.03337],
  distanceQuantiles: {
    p1: 0.1325,
    p5: 0.6011,
    p25: 1.2356,
    p50: 2.0835,
    p75: 3.8389,
    p95: 10.9873,
    p99: 20.8069,
  },
  /** clean trips with distance > 0 */
  corrLogKmLogDuration: 0.7811,
  olsIntercept: 5.9589,
  olsSlope: 0.6313,
  medianSpeedClean: 12.806,
  hourShares: [
    3.677, 2.695, 1.93, 1.425, 1.095, 1.006, 2.314, 3.781, 4.645, 4.551, 4.448, 4.846, 5.048, 4.814,
    4.961, 5.077, 4.285, 5.276, 6.192, 6.113, 5.861, 5.741, 5.406, 4.814,
  ].map((p) => p / 100),
  hourMedianDuration: [
    639, 632, 588, 617, 577, 535.5, 489, 576, 674, 686, 663, 699.5, 713.5, 701, 722, 707, 689, 696,
    683, 653, 646, 626, 663, 669,
  ],
  /** median speed km/h, clean trips with distance > 0 */
  hourMedianSpeed: [
    16.18, 17.008, 17.492, 18.643, 20.223, 21.902, 18.923, 14.083, 11.268, 11.005, 11.263, 10.842,
    10.651, 10.99, 10.991, 11.133, 11.517, 11.519, 11.55, 12.103, 13.835, 14.319, 14.271, 15.229,
  ],
  /** Mon = 0 */
  weekdayShares: [12.628, 13.955, 14.625, 15.092, 15.219, 15.147, 13.333].map((p) => p / 100),
  weekdayMedianDuration: [635, 678, 683.5, 703, 686, 631, 603],
  weekdayMedianSpeed: [13.48, 12.116, 11.853, 11.889, 12.16, 13.386, 15.235],
  /** January = index 0 */
  monthShares: [15.751, 16.31, 17.585, 17.277, 17.221, 15.856].map((p) => p / 100),
  monthMedianDuration: [634, 632, 647, 669, 694, 696],
  /** trips per day on the 5 % sample: mean 402.1; the five lowest days */
  meanTripsPerDay: 402.1,
  lowestDays: [
    ['2016-01-23', 77],
    ['2016-01-24', 161],
    ['2016-01-25', 282],
    ['2016-05-30', 290],
    ['2016-06-13', 293],
  ] as const,
  /** JFK and LGA rectangles used for the airport shares */
  jfk: { lon: [-73.83, -73.76], lat: [40.62, 40.67] },
  lga: { lon: [-73.89, -73.85], lat: [40.76, 40.79] },
  box: { lon: [-74.3, -73.7], lat: [40.5, 41.0] },
} as const;
