import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  clearWorkspace,
  exportWorkspace,
  getExerciseResults,
  importWorkspace,
  openStore,
  recordExerciseResult,
  recordExerciseReveal,
} from '../../../src/lib/store';

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('hints and solutions revealed, on the exercise row', () => {
  it('survive later checks, only grow, and come back from an export', async () => {
    const db = await openStore();
    await recordExerciseResult(db, 'l', 'e', { pass: false, message: 'no' });
    await recordExerciseReveal(db, 'l', 'e', { hintsShown: 2 });
    await recordExerciseReveal(db, 'l', 'e', { hintsShown: 1 }); // a late write never hides one
    await recordExerciseReveal(db, 'l', 'e', { solutionShown: true });
    await recordExerciseResult(db, 'l', 'e', { pass: true, message: 'yes' });
    const rows = await getExerciseResults(db, 'l');
    expect(rows).toMatchObject([
      { attempts: 2, status: 'passed', hintsShown: 2, solutionShown: true },
    ]);

    const bytes = await exportWorkspace(db);
    await clearWorkspace(db);
    await importWorkspace(db, bytes, { mode: 'replace' });
    expect(await getExerciseResults(db, 'l')).toEqual(rows);
    db.close();
  });

  it('start a row with no attempts when nothing was checked yet', async () => {
    const db = await openStore();
    await recordExerciseReveal(db, 'l', 'e', { solutionShown: true });
    expect(await getExerciseResults(db, 'l')).toMatchObject([
      { attempts: 0, status: 'failed', passedAt: null, hintsShown: 0, solutionShown: true },
    ]);
    db.close();
  });
});
