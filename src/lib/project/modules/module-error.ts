import { ProjectError, type ProjectErrorCode } from '../errors';

/** Where in a project file something went wrong; line and column are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export function formatLocation(at: SourceLocation): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/**
 * A module that cannot be loaded: its message starts with `file:line:column` so the student sees
 * where, then says what and the fix.
 */
export class ModuleError extends ProjectError {
  constructor(
    code: ProjectErrorCode,
    message: string,
    readonly at: SourceLocation | undefined,
    options?: { cause?: unknown },
  ) {
    super(code, at ? `${formatLocation(at)}: ${message}` : message, at?.file, options);
  }
}
