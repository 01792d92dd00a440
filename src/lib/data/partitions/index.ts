export {
  planPartitions,
  countLineBreaks,
  PartitionError,
  type ByteRange,
  type ReadBytes,
} from './plan';
export { concatTables, typeMismatch } from './merge';
export {
  parsePart,
  parsePartitioned,
  type PartInput,
  type PartResult,
  type PartitionedImport,
} from './parse';
export { stitchParts, type Reach, type Stitched } from './stitch';
export {
  finish,
  mapPart,
  reduceParts,
  type Aggregate,
  type Filter,
  type FilterOp,
  type GroupKey,
  type JobPlan,
  type Partial,
} from './jobs';
export { runJobInParts, runPart, type PartOutcome, type PartReport } from './run-job';
