import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { DataCatalog, memoryDataPort, openShippedStream } from '../../src/lib/data/catalog';
import { memoryDocPort } from '../../src/lib/data/docstore';
import { memoryTrackingPort } from '../../src/lib/tracking';
import { runJobInParts, runPart } from '../../src/lib/data/partitions';
import { memoryAppFormPort } from '../../src/lib/apps/store';
import { createProjectServices } from '../../src/lib/lab/project-services';
import { MemoryProjectStorage } from '../../src/lib/project/memory-storage';
import { memoryServingPort } from '../../src/lib/serving';
import { memoryRegistryPort } from '../../src/lib/registry';
import * as tf from '@tensorflow/tfjs';
import { explainTrainingFailure } from '../../src/lib/train/mlp';
import { trainMlp } from '../../src/lib/train/train-mlp';
import { runPipeline } from '../../src/lib/pipeline';
import { setLabServices, type LabServices } from '../../src/lib/lab/services';
import { nodeDuckPort } from './duck-node';

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
    tracking: memoryTrackingPort(),
    registry: memoryRegistryPort(),
    serving: memoryServingPort(),
    apps: memoryAppFormPort(),
    projects: createProjectServices(new MemoryProjectStorage()),
    siteUrl: 'http://labbook.test/',
    networkApi: false,
    // In-process, choosing the trainer as the app does (TF.js on its CPU backend when it trains);
    // the app trains in a worker (src/workers/mlp-trainer.ts).
    fitMlp: async (x, y, { backend: _, ...options }, onEpoch, signal) => {
      try {
        return await trainMlp(x, y, options, {
          onEpoch,
          cancelled: () => signal?.aborted ?? false,
          loadTf: async () => {
            await tf.setBackend('cpu');
            return tf;
          },
        });
      } catch (error) {
        throw explainTrainingFailure(error);
      }
    },
    // One lane, in-process; the app runs one pipeline worker per core.
    pipelineLanes: {
      size: 1,
      open: () => ({
        run: (config, options) => runPipeline(config, services, options),
        close() {},
      }),
    },
    duck: nodeDuckPort(),
    partitions: {
      // Parts run one after another here; the app runs them on a pool of workers.
      run: (file, plan, parts, onPart, signal) => {
        let previous: Promise<unknown> = Promise.resolve();
        return runJobInParts(
          async (offset, length) =>
            new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
          file.size,
          parts,
          (header, range) => {
            // No worker to terminate here: a cancelled job stops before its next part. A task
            // between parts, as a pool's messages are in the app, lets a Stop be heard.
            const part = previous.then(async () => {
              await new Promise((next) => setTimeout(next));
              signal?.throwIfAborted();
              return runPart(
                {
                  header,
                  range,
                  size: file.size,
                  bytes: (start, end) => file.slice(start, end).stream(),
                },
                plan,
              );
            });
            previous = part.catch(() => undefined);
            return part;
          },
          onPart,
        );
      },
      poolSize: 2,
      // The first 10,000 lines only: lessons multiply the sample to 1.5 M rows, which the app
      // parses on a worker pool but Node tests would parse in one thread, many times.
      shippedBytes: async (file) => {
        const bytes = new Uint8Array(gunzipSync(readFileSync(`datasets/${file}`)));
        let at = 0;
        for (let line = 0; line < 10_000 && at >= 0; line++) at = bytes.indexOf(0x0a, at) + 1;
        return at > 0 ? bytes.slice(0, at) : bytes;
      },
    },
  };
  setLabServices(services);
  return services;
}
