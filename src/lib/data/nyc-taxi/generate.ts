import { createRng } from '../random';
import { TAXI_HEADER, formatTripRow } from './csv';
import { sampleTrip, type TaxiTrip } from './trip';

/** Bumped whenever the output for a given seed changes; recorded in the dataset card. */
export const GENERATOR_VERSION = '1.0.0';

export interface TaxiOptions {
  rows: number;
  seed: number;
  /** rows per yielded CSV chunk (default 10,000) */
  chunkRows?: number;
}

const ID_SPACE = 10_000_000;
/** Odd and not a multiple of 5, so i ↦ (A·i + B) mod 10⁷ is a bijection: unique ids. */
const ID_MULT = 7_654_321;

function checkOptions({ rows, seed }: TaxiOptions): void {
  if (!Number.isInteger(rows) || rows < 0 || rows > ID_SPACE) {
    throw new RangeError(
      `nyc-taxi: rows is ${rows}; give a whole number from 0 to ${ID_SPACE} (ids have 7 digits).`,
    );
  }
  if (!Number.isInteger(seed)) throw new RangeError(`nyc-taxi: seed is ${seed}; give an integer.`);
}

/**
 * Trips with their ids, one at a time. Every row is an independent draw (day, hour, route,
 * duration…), so rows come out in no particular time order — like the real train.csv.
 */
export function* generateTaxiTrips(options: TaxiOptions): Generator<[id: number, trip: TaxiTrip]> {
  checkOptions(options);
  const rng = createRng(options.seed);
  const idOffset = Math.floor(rng.next() * ID_SPACE);
  for (let i = 0; i < options.rows; i++) {
    yield [(ID_MULT * i + idOffset) % ID_SPACE, sampleTrip(rng)];
  }
}

/**
 * The CSV text in chunks: the first chunk starts with the header line, every line ends with
 * `\n`. Joining all chunks gives the whole file; nothing is kept between chunks, so any size
 * (up to 10⁷ rows) streams in constant memory.
 */
export function* generateTaxiCsv(options: TaxiOptions): Generator<string> {
  const chunkRows = options.chunkRows ?? 10_000;
  let lines: string[] = [TAXI_HEADER];
  for (const [id, trip] of generateTaxiTrips(options)) {
    lines.push(formatTripRow(id, trip));
    if (lines.length >= chunkRows) {
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
