import { describe, expect, it } from 'vitest';
import { CELL_HEADER, cellHeader, requestSource } from '../../../src/lib/serving/request-source';
import { servingFixture } from './fixture';

const cell = { lessonId: 'serving-api', cellId: 'predict', execution: 'x-1' };
const header = (value: string) => ({ headers: { [CELL_HEADER]: value } });

describe('the cell run a request came from', () => {
  it('reads back what a cell run sends, and nothing from a request of no lesson cell', () => {
    expect(requestSource(header(cellHeader(cell)!))).toEqual(cell);
    expect(cellHeader({ cellId: 'c', execution: 'x' })).toBeUndefined();
    expect(requestSource({ headers: {} })).toBeUndefined();
  });

  it('ignores a header any client could forge in a wrong shape', () => {
    for (const value of [
      'not json',
      '{"lessonId":"a"}',
      '["a","b"]',
      '["a","b","c","d"]',
      '["a","","c"]',
      '["a",1,"c"]',
      `["a","b","${'x'.repeat(500)}"]`,
      '__proto__',
    ])
      expect(requestSource(header(value)), value).toBeUndefined();
  });

  it('keeps the source on the logged record; a cell run again removes only its earlier ones', async () => {
    const { control, call, port, router } = await servingFixture();
    await control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 }, 'test');
    const send = (execution?: string) =>
      call(
        'POST',
        'v1/models/toy/predict',
        { a: 1, b: 2, c: 0 },
        execution ? { [CELL_HEADER]: cellHeader({ ...cell, execution })! } : {},
      );
    await send('x-1');
    await send('x-1');
    await send(); // the Serving page's, a form's, a client's own
    await send('x-2');
    await router.flush();
    const logged = await port.requests('toy');
    expect(logged.map((r) => r.source?.execution ?? null)).toEqual(['x-1', 'x-1', null, 'x-2']);
    expect(await port.removeCellRequests('serving-api', 'predict', 'x-2')).toEqual(['toy']);
    expect((await port.requests('toy')).map((r) => r.source?.execution ?? null)).toEqual([
      null,
      'x-2',
    ]);
    // Another cell's, or the same cell id in another lesson, stays.
    expect(await port.removeCellRequests('serving-api', 'other', 'x-3')).toEqual([]);
    expect(await port.removeCellRequests('other-lesson', 'predict', 'x-3')).toEqual([]);
    expect(await port.requests('toy')).toHaveLength(2);
  });
});
