import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import * as Plot from '../../../src/lib/kernel/plot';
import {
  figureSvg,
  isImage,
  memoryTrackingPort,
  mimeOf,
  predictionsCsv,
  Tracker,
  type FigureLike,
} from '../../../src/lib/tracking';

const points = [
  { actual: 100, predicted: 110, model: 'ridge' },
  { actual: 200, predicted: 190, model: 'lasso' },
];

describe('artifact types', () => {
  it('come from the extension, else from the content', () => {
    expect(mimeOf('plots/residuals.SVG', 'x')).toBe('image/svg+xml');
    expect(mimeOf('predictions.csv', 'a,b')).toBe('text/csv');
    expect(mimeOf('config.yml', 'a: 1')).toBe('application/yaml');
    expect(mimeOf('chart.png', new Uint8Array(1))).toBe('image/png');
    expect(mimeOf('notes', 'text')).toBe('text/plain');
    expect(mimeOf('weights.bin', new Uint8Array(1))).toBe('application/octet-stream');
    expect(mimeOf('model', { a: 1 })).toBe('application/json');
    expect(isImage('image/svg+xml') && isImage('image/png')).toBe(true);
    expect(isImage('text/html')).toBe(false);
  });

  it('are stored with the file, inferred or as given', async () => {
    const tracker = new Tracker(memoryTrackingPort());
    await tracker.startRun();
    expect((await tracker.logArtifact('predictions.csv', 'a\n1\n')).mime).toBe('text/csv');
    expect((await tracker.logArtifact('report', '# Title', 'text/markdown')).mime).toBe(
      'text/markdown',
    );
  });
});

describe('figures as SVG files', () => {
  const isStandaloneSvg = (svg: string) => {
    const { document } = parseHTML(`<html><body>${svg}</body></html>`);
    const root = document.body.firstElementChild!;
    return (
      root.tagName.toLowerCase() === 'svg' &&
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/.test(svg)
    );
  };

  it('an <svg> chart gets the SVG namespace a browser needs to show the file', () => {
    const chart = Plot.dot(points, { x: 'actual', y: 'predicted' }).plot() as unknown as FigureLike;
    const svg = figureSvg(chart);
    expect(chart.outerHTML).not.toMatch(/xmlns=/);
    expect(isStandaloneSvg(svg)).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it('a <figure> (title, legend) gives its chart, not a legend swatch', () => {
    const figure = Plot.plot({
      title: 'Predicted against actual',
      color: { legend: true },
      marks: [Plot.dot(points, { x: 'actual', y: 'predicted', fill: 'model' })],
    }) as unknown as FigureLike;
    expect(figure.tagName.toLowerCase()).toBe('figure');
    // The legend's swatches are small <svg>s too, before the chart.
    expect(figure.querySelectorAll('svg').length).toBeGreaterThan(1);
    const svg = figureSvg(figure);
    expect(isStandaloneSvg(svg)).toBe(true);
    expect(svg.match(/<circle/g)).toHaveLength(2);
  });

  it('refuses what is not a chart, saying what to pass', () => {
    expect(() => figureSvg('<div>no</div>')).toThrow(
      /expected an Observable Plot chart .* got text starting "<div>no<\/div>"\. Pass the value Plot.plot/,
    );
    const { document } = parseHTML('<html><body><p>hi</p></body></html>');
    expect(() => figureSvg(document.querySelector('p') as unknown as FigureLike)).toThrow(
      /got a <p> element/,
    );
  });
});

describe('predictions as CSV', () => {
  it('has actual, predicted and residual per test row, at most `limit` rows', () => {
    const actual = Float64Array.of(3, 5, 7);
    const predicted = Float64Array.of(2.5, 5, 8);
    expect(predictionsCsv(actual, predicted)).toBe(
      'test_row,actual,predicted,residual\n0,3,2.5,0.5\n1,5,5,0\n2,7,8,-1\n',
    );
    expect(predictionsCsv(actual, predicted, 1).trim().split('\n')).toHaveLength(2);
  });
});
