import { describe, expect, it } from 'vitest';
import { parseScratchId, scratchId } from '../../../src/lib/notebook/scratch-id';

describe('scratch cell ids', () => {
  it('round-trips the anchor and serial, even when the anchor contains the separator', () => {
    expect(parseScratchId(scratchId('load-data', 3))).toEqual({ anchorId: 'load-data', serial: 3 });
    expect(parseScratchId(scratchId('a~b', 12))).toEqual({ anchorId: 'a~b', serial: 12 });
  });

  it('does not mistake lesson cell ids for scratch cells', () => {
    expect(parseScratchId('load-data')).toBeNull();
    expect(parseScratchId('scratch~')).toBeNull();
    expect(parseScratchId('scratch~x~y')).toBeNull();
  });
});
