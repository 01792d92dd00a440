import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, openStore } from '../../../src/lib/store';
import {
  dexieGradebookPort,
  readStudent,
  writeStudent,
} from '../../../src/lib/store/gradebook-port';
import type { GradebookRow } from '../../../src/lib/grading/gradebook';

const fixtureRow = (): GradebookRow =>
  JSON.parse(readFileSync('tests/fixtures/store/workspace-v8.json', 'utf8')).tables.gradebook[0];

afterEach(async () => {
  await Dexie.delete(DB_NAME);
});

describe('the gradebook table', () => {
  it('keeps rows per lesson, replaces a student by id, and removes them', async () => {
    const db = await openStore();
    const port = dexieGradebookPort(db);
    const row = fixtureRow();
    await port.put([row, { ...row, id: 'other~1', lessonId: 'other' }]);
    await port.put([{ ...row, manual: {} }]);
    expect(await port.rows(row.lessonId)).toEqual([{ ...row, manual: {} }]);
    await port.remove([row.id]);
    expect(await port.rows(row.lessonId)).toEqual([]);
    expect(await port.rows('other')).toHaveLength(1);
    db.close();
  });

  it('keeps the grading pack per lesson and the student name asked once', async () => {
    const db = await openStore();
    const port = dexieGradebookPort(db);
    expect(await port.pack('a')).toBeNull();
    await port.setPack('a', { file: 'a.md', source: '```js hidden-check for=x\n```' });
    expect(await port.pack('a')).toEqual({ file: 'a.md', source: '```js hidden-check for=x\n```' });
    expect(await readStudent(db)).toBeNull();
    await writeStudent(db, { name: 'Ada', id: 's-1' });
    expect(await readStudent(db)).toEqual({ name: 'Ada', id: 's-1' });
    db.close();
  });
});
