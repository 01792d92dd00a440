/**
 * Resolves in a later task, so work after it starts a task of its own: a chart drawn after the
 * table that was built in the same click keeps both under the 50 ms a long task begins at.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
