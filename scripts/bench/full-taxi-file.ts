import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FULL_ROWS = 1_458_644;

/**
 * The content id of that file imported with inferred types. Data versions are content-addressed:
 * a faster import must store the very same version (students' lineage points at it).
 */
export const FULL_CONTENT_ID = 'v-b9f269453c8e';

/**
 * The full-size Kaggle-schema taxi file, generated once per machine (seed 42) and reused: the
 * generator is deterministic, so the cached file is the same bytes a fresh run would write.
 */
export function fullTaxiCsv(): string {
  const path = join(tmpdir(), `labbook-nyc-taxi-${FULL_ROWS}-seed42.csv`);
  if (!existsSync(path) || statSync(path).size < 100_000_000) {
    console.log(`Generating ${FULL_ROWS.toLocaleString()} taxi rows into ${path}…`);
    execFileSync(
      'npx',
      ['tsx', 'scripts/generate-nyc-taxi.ts', '--rows', String(FULL_ROWS), '--out', path],
      { stdio: 'inherit' },
    );
  }
  return path;
}
