import { describe, expect, it } from 'vitest';
import {
  noteId,
  parseNoteId,
  parseScratchId,
  parseStudentCellId,
  scratchId,
} from '../../../src/lib/notebook/scratch-id';

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

describe('note cell ids', () => {
  it('round-trip, and are told apart from scratch cells', () => {
    expect(parseStudentCellId(noteId('load-data', 2))).toEqual({
      kind: 'note',
      anchorId: 'load-data',
      serial: 2,
    });
    expect(parseScratchId(noteId('a', 1))).toBeNull();
    expect(parseNoteId(scratchId('a', 1))).toBeNull();
    expect(parseNoteId('note~a~1e3')).toBeNull();
  });
});
