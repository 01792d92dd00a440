import { expose } from 'comlink';
import type { Output } from '../lib/kernel/outputs';
import { createKernelRuntime } from '../lib/kernel/runtime';

const runtime = createKernelRuntime();
const ready = runtime.reset();

const api = {
  async init(): Promise<void> {
    await ready;
  },
  async run(cellId: string, source: string, onOutput: (output: Output) => void) {
    await ready;
    return runtime.run(cellId, source, onOutput);
  },
  async check(exerciseId: string, source: string, hint: string) {
    await ready;
    return runtime.check(exerciseId, source, hint);
  },
  tablePage(ref: string, offset: number, limit: number) {
    return runtime.tablePage(ref, offset, limit);
  },
  completions(): string[] {
    return runtime.completions();
  },
};

expose(api);
export type KernelApi = typeof api;
