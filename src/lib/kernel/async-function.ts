/** The constructor of async functions: how cells and project modules become runnable code. */
export const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

/** Lines the AsyncFunction constructor puts before the body: `async function anonymous(a,b\n) {\n`. */
export const HEADER_LINES = 2;
