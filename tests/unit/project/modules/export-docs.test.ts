import { describe, expect, it } from 'vitest';
import { exportDocs } from '../../../../src/lib/project/modules/export-docs';

const source = `import YAML from 'yaml';

/**
 * Great-circle distance in km.
 * @param {number} lat1 latitude of the pickup
 * @param {{ deg: number, range: {min: number} }} [lon1=0] longitude
 * @returns {number} km
 */
export function haversine(lat1, lon1 = 0) { return lat1 + lon1; }

/** A comment, then code between it and the export, is not the export's doc. */
const x = 1;
export const addFeatures = (rows, { scale } = {}) => rows;

// A line comment is no JSDoc.
export const split = function (rows, ...rest) { return rows; };

/* Nor a plain block comment. */
export default function (config) { return config; }

export const notAFunction = 42;
export class Model {}
`;

describe('exportDocs', () => {
  it('finds exported functions and the JSDoc written directly above each', () => {
    const docs = exportDocs(source, 'src/features.js');
    expect(docs.map((d) => [d.name, d.params, d.doc === null, d.documented, d.line])).toEqual([
      ['haversine', ['lat1', 'lon1'], false, ['lat1', 'lon1'], 9],
      ['addFeatures', ['rows', '{…}'], true, [], 13],
      ['split', ['rows', '...rest'], true, [], 16],
      ['default', ['config'], true, [], 19],
    ]);
    expect(docs[0]!.doc).toBe(
      'Great-circle distance in km.\n@param {number} lat1 latitude of the pickup\n@param {{ deg: number, range: {min: number} }} [lon1=0] longitude\n@returns {number} km',
    );
  });

  it('reports a syntax error at its file, line and column', () => {
    expect(() => exportDocs('export function (', 'src/bad.js')).toThrow(
      /^src\/bad\.js:1:17: SyntaxError/,
    );
  });
});
