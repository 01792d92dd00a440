export { CALIBRATION } from './calibration';
export { TAXI_HEADER, formatTripRow, parseTaxiLine, type TaxiRow } from './csv';
export {
  GENERATOR_VERSION,
  generateTaxiCsv,
  generateTaxiTrips,
  type TaxiOptions,
} from './generate';
export { gzipTextChunks } from './gzip';
export { haversineKm } from './geography';
export { taxiStats, type TaxiStats } from './stats';
export { taxiReport } from './report';
export type { TaxiTrip } from './trip';
