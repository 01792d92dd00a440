import { readFileSync } from 'node:fs';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { DataCatalog, memoryDataPort, openShippedStream } from '../../../src/lib/data/catalog';
import { memoryDocPort } from '../../../src/lib/data/docstore';
import '../../../src/lib/lab/data';
import '../../../src/lib/lab/nosql';
import '../../../src/lib/lab/sql';
import { setLabServices, type LabServices } from '../../../src/lib/lab/services';

let engine: Promise<SqlJsStatic> | undefined;

/** The lab API's services for Node tests: memory storage, shipped files from datasets/. */
export function useNodeServices(): LabServices {
  const databases = new Map<string, Uint8Array>();
  const services: LabServices = {
    catalog: new DataCatalog({
      port: memoryDataPort(),
      openShipped: async (file) =>
        openShippedStream(new Response(readFileSync(`datasets/${file}`)), file),
    }),
    sql: {
      engine: () =>
        (engine ??= initSqlJs({
          wasmBinary: new Uint8Array(readFileSync('node_modules/sql.js/dist/sql-wasm.wasm')).buffer,
        })),
      load: async (name) => databases.get(name) ?? null,
      save: async (name, bytes) => void databases.set(name, bytes),
    },
    documents: memoryDocPort(),
  };
  setLabServices(services);
  return services;
}
