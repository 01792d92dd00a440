/** What every coded error may carry besides its message. */
export interface LabbookErrorOptions {
  /** The lower-level failure this one explains (kept for the console and for tests). */
  cause?: unknown;
  /** Structured facts about the failure (a path, a row, a field) for code that acts on it. */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * The one base of every error the Labbook throws on purpose: a stable `code` that code and
 * tests branch on, and a message worded for the student (what happened, where, and the fix).
 * Each domain keeps its own subclass and code list in `src/lib/<domain>/errors.ts`.
 *
 * The base sets no `name`: each subclass names itself as before, because class names do not
 * survive minification and the notebook shows `name: message` to the student.
 */
export class LabbookError<Code extends string = string> extends Error {
  readonly code: Code;
  declare readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: Code, message: string, options?: LabbookErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    // Only set when given, so an error's own properties (and test equality) stay as they were.
    if (options?.details !== undefined) Object.assign(this, { details: options.details });
  }
}
