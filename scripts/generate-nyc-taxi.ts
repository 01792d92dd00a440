/**
 * Synthetic NYC taxi trips in the Kaggle train.csv format, calibrated to the real 2016 data.
 *
 *   tsx scripts/generate-nyc-taxi.ts [--rows 100000] [--seed 42] [--out file.csv|file.csv.gz]
 *   tsx scripts/generate-nyc-taxi.ts --report [--rows N] [--seed S] [--card datasets/nyc-taxi/README.md]
 *
 * Without --out the CSV goes to stdout. `.csv.gz` is gzip (fflate, level 9, mtime 0, no file
 * name), so the bytes depend on rows and seed only. --report prints the calibration table
 * (target vs generated); with --card it also replaces the text between the report markers.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  GENERATOR_VERSION,
  generateTaxiCsv,
  generateTaxiTrips,
  gzipTextChunks,
  formatTripRow,
  parseTaxiLine,
  taxiReport,
  taxiStats,
} from '../src/lib/data/nyc-taxi';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const rows = Number(opt('rows', '100000'));
const seed = Number(opt('seed', '42'));
const out = opt('out', '');

const BEGIN = '<!-- report:begin -->';
const END = '<!-- report:end -->';

function report(): void {
  const trips = (function* () {
    for (const [id, t] of generateTaxiTrips({ rows, seed }))
      yield parseTaxiLine(formatTripRow(id, t));
  })();
  const table = taxiReport(taxiStats(trips));
  const header = `Generated with \`--rows ${rows} --seed ${seed}\`, generator ${GENERATOR_VERSION}.`;
  const text = `${header}\n\n${table}\n`;
  const card = opt('card', '');
  if (card) {
    const md = readFileSync(card, 'utf8');
    const a = md.indexOf(BEGIN);
    const b = md.indexOf(END);
    if (a < 0 || b < a) throw new Error(`${card}: add the markers ${BEGIN} and ${END}.`);
    writeFileSync(card, `${md.slice(0, a + BEGIN.length)}\n${text}${md.slice(b)}`);
  }
  process.stdout.write(text);
}

async function generate(): Promise<void> {
  const hash = createHash('sha256');
  const sink = out ? createWriteStream(out) : process.stdout;
  const write = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve) => {
      hash.update(bytes);
      if (sink.write(bytes)) resolve();
      else sink.once('drain', () => resolve());
    });
  const csv = generateTaxiCsv({ rows, seed });
  const enc = new TextEncoder();
  const bytes = out.endsWith('.gz')
    ? gzipTextChunks(csv)
    : (function* () {
        for (const chunk of csv) yield enc.encode(chunk);
      })();
  for (const b of bytes) await write(b);
  if (out) {
    await new Promise<void>((resolve) =>
      (sink as ReturnType<typeof createWriteStream>).end(resolve),
    );
    process.stderr.write(`${out}: ${rows} rows, seed ${seed}, sha256 ${hash.digest('hex')}\n`);
  }
}

if (args.includes('--report')) report();
else await generate();
