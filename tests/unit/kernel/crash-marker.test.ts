import { describe, expect, it } from 'vitest';
import {
  clearRunning,
  noteRunning,
  takeCrashedCell,
  type NoteStore,
} from '../../../src/lib/kernel/crash-marker';
import type { SessionLocks } from '../../../src/lib/tracking/liveness';

function memoryStore(): NoteStore {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

function locksHeldBy(...tabs: string[]): SessionLocks {
  return {
    request: async () => undefined,
    query: async () => ({ held: tabs.map((tab) => ({ name: `labbook-kernel:tab:${tab}` })) }),
  };
}

describe('crash marker', () => {
  it('finds the cell a tab was running when it went down, once', async () => {
    const store = memoryStore();
    noteRunning(store, 'dead-tab', 'lesson-1', 'cell-3');
    expect(await takeCrashedCell(store, locksHeldBy(), 'lesson-1')).toBe('cell-3');
    expect(await takeCrashedCell(store, locksHeldBy(), 'lesson-1')).toBeUndefined();
  });

  it('ignores tabs still alive, other lessons, finished runs and unreadable notes', async () => {
    const store = memoryStore();
    noteRunning(store, 'live-tab', 'lesson-1', 'cell-1');
    noteRunning(store, 'other-lesson', 'lesson-2', 'cell-2');
    noteRunning(store, 'finished', 'lesson-1', 'cell-4');
    clearRunning(store, 'finished');
    store.setItem('mlops-labbook:running-cell:garbled', '{not json');
    expect(await takeCrashedCell(store, locksHeldBy('live-tab'), 'lesson-1')).toBeUndefined();
    expect(store.length).toBe(3); // nothing of another lesson or a live tab is removed
  });
});
