import { DataCatalogError } from './errors';

/** Datasets that ship with the site, under `<base>/datasets/` (see scripts/vite/datasets-plugin.ts). */
export interface ShippedDataset {
  name: string;
  /** Path below `datasets/`. */
  file: string;
  title: string;
  description: string;
  /** Data rows in the file: the total of the bar its first import shows. */
  rows: number;
}

export const SHIPPED_DATASETS: readonly ShippedDataset[] = [
  {
    name: 'diabetes',
    file: 'diabetes/diabetes.csv',
    title: 'Diabetes progression (real, 442 patients)',
    rows: 442,
    description:
      'Efron et al. (2004): 10 baseline variables and disease progression one year later; the course names tc, ldl, hdl, tch, ltg, glu.',
  },
  {
    name: 'diabetes-split',
    file: 'diabetes/diabetes-course-split.csv',
    title: "Diabetes: the course's train/test split",
    rows: 442,
    description: 'Which of the 442 rows (file order) are train (353) and test (89).',
  },
  {
    name: 'nyc-taxi',
    file: 'nyc-taxi/nyc-taxi-sample-100k.csv.gz',
    title: 'NYC taxi trips (synthetic sample, 100,000 rows)',
    rows: 100_000,
    description:
      'Kaggle train.csv schema, generated with a fixed seed and calibrated to real 2016 trips. Import the real file on the Data page to use it instead.',
  },
];

export function findShipped(name: string): ShippedDataset | undefined {
  return SHIPPED_DATASETS.find((d) => d.name === name);
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The file's bytes as a stream, gunzipped when the file is gzip. Checked by magic bytes, not by
 * name: a static host may already have decoded a `.gz` with Content-Encoding.
 */
export async function openShippedStream(
  response: Response,
  file: string,
): Promise<ReadableStream<Uint8Array>> {
  if (!response.ok || !response.body)
    throw new DataCatalogError(
      'shipped-unavailable',
      `The shipped dataset file datasets/${file} could not be loaded (HTTP ${response.status}). Reload the page while online once, so it is saved for offline use.`,
    );
  const [probe, body] = response.body.tee();
  const reader = probe.getReader();
  const first = await reader.read();
  void reader.cancel();
  const head = first.value ?? new Uint8Array();
  const gzipped = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  return gzipped
    ? body.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
      )
    : body;
}
