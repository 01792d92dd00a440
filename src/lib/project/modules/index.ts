export { createModuleLoader, MAX_MODULE_CHARS } from './loader';
export type { ModuleLoader, ModuleLoaderOptions, Namespace } from './loader';
export { ModuleError, formatLocation, type SourceLocation } from './module-error';
export { projectFrames, stackOf } from './locate';
export { projectSource, type ProjectSource } from './project-source';
export { exportDocs, type ExportDoc } from './export-docs';
