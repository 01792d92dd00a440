export {
  DataCatalog,
  DataCatalogError,
  type DataPort,
  type Loaded,
  type SaveWatch,
} from './catalog';
export { SHIPPED_DATASETS, findShipped, openShippedStream, type ShippedDataset } from './shipped';
export { memoryDataPort } from './memory-port';
export { createVersion, hashTable, type DataVersion, type VersionTransform } from './content-id';
