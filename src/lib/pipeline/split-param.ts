import type { PipelineConfig } from './config';

type Split = PipelineConfig['data']['split'];

/** How a pipeline run records its split in its params: "course" or "test_size 0.3". */
export function splitParam(split: Split): string {
  return split === 'course' ? 'course' : `test_size ${split.test_size}`;
}

/**
 * The split a run's `split` param names (with its `random_state`, the run replays it), or null
 * when the param names none: a model fitted in a cell, or a value this version does not write.
 */
export function parseSplitParam(value: string | undefined): Split | null {
  if (value === 'course') return 'course';
  const size = Number(/^test_size (\S+)$/.exec(value ?? '')?.[1]);
  return size > 0 && size < 1 ? { test_size: size } : null;
}
