import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTaxiCsv, gzipTextChunks } from '../../../src/lib/data/nyc-taxi';

const dir = new URL('../../../datasets/nyc-taxi/', import.meta.url);
const FILE = 'nyc-taxi-sample-100k.csv.gz';

describe('the shipped NYC taxi sample', () => {
  it('is exactly what the generator produces for --rows 100000 --seed 42, with the sha256 on its card', () => {
    const hash = createHash('sha256');
    for (const bytes of gzipTextChunks(generateTaxiCsv({ rows: 100_000, seed: 42 })))
      hash.update(bytes);
    const regenerated = hash.digest('hex');
    const shipped = createHash('sha256')
      .update(readFileSync(new URL(FILE, dir)))
      .digest('hex');
    expect(shipped).toBe(regenerated);
    const card = readFileSync(new URL('README.md', dir), 'utf8');
    expect(card).toContain(`${FILE}\` sha256: \`${shipped}\``);
  });
});
