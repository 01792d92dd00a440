import type * as TF from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface ChosenBackend {
  name: string;
  /** wasm only: the threads its kernels run on (1 unless the worker is cross-origin isolated). */
  threads?: number;
}

/**
 * Picks the fastest backend this browser offers for small dense networks: WebAssembly (with SIMD,
 * and threads when the page is cross-origin isolated — TF.js decides from the browser), then
 * WebGL, then plain JavaScript. The wasm files ship with the site, so this works offline; the
 * threaded build starts its threads from blobs it makes itself, so it needs no file besides its
 * .wasm.
 */
export async function chooseBackend(
  tf: typeof TF,
  preferred?: BackendName,
): Promise<ChosenBackend> {
  const order = preferred ? [preferred] : BACKENDS;
  const failures: string[] = [];
  for (const name of order) {
    try {
      const wasm = name === 'wasm' ? await import('@tensorflow/tfjs-backend-wasm') : undefined;
      wasm?.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      });
      if (await tf.setBackend(name)) {
        await tf.ready();
        const chosen = tf.getBackend();
        return chosen === 'wasm' && wasm
          ? { name: chosen, threads: wasm.getThreadsCount() }
          : { name: chosen };
      }
      failures.push(`${name}: not available`);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start (${failures.join('; ')}).`);
}
