import { DataCatalog, memoryDataPort, openShippedStream } from '../lib/data/catalog';
import type { LabServices } from '../lib/lab/services';
import { dexieDataPort } from '../lib/store/data-port';
import { openStore } from '../lib/store/open';

/**
 * Storage and data for code running in a worker: the same IndexedDB database as the page (each
 * worker opens its own connection) and the site's shipped files under `siteUrl`.
 */
export async function createWorkerServices(siteUrl: string): Promise<LabServices> {
  let port = memoryDataPort();
  try {
    port = dexieDataPort(await openStore());
  } catch (error) {
    // Private mode and the like: data still works for this session, it just is not kept.
    console.warn(`Data is kept in memory only: ${(error as Error).message}`);
  }
  const catalog = new DataCatalog({
    port,
    openShipped: async (file) =>
      openShippedStream(await fetch(new URL(`datasets/${file}`, siteUrl)), file),
  });
  return { catalog };
}
