import { describe, expect, it } from 'vitest';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { transformCell } from '../../../src/lib/kernel/transform';

const uses = (source: string) => {
  const members = transformCell(source).labMembers;
  return members === 'all' ? 'all' : [...members].sort();
};

describe('the lab namespaces a cell names (loaded before it runs)', () => {
  it('reads lab.<name> and lab[<string>], optional chains and nested functions included', () => {
    expect(uses("const d = await lab.data.load('diabetes');\nlab?.['ml']")).toEqual(['data', 'ml']);
    expect(uses('function later() { return lab.tracking.findRuns(); }')).toEqual(['tracking']);
    expect(uses('lab.help()')).toEqual(['help']);
  });

  it('names none for a plain cell, nor for a property or key that happens to be called lab', () => {
    expect(uses('1 + 1')).toEqual([]);
    expect(uses('const o = { lab: 1 }; o.lab + x.lab')).toEqual([]);
  });

  it('gives all when lab itself is passed on, destructured, indexed or shown', () => {
    for (const source of [
      'const { data } = lab;',
      'show(lab)',
      'lab[name]',
      'lab',
      'const l = lab; l.ml',
    ])
      expect(uses(source), source).toBe('all');
  });
});

describe('which cells wait for the kernel’s storage to open', () => {
  const kernel = createKernelRuntime();
  it('lets a plain cell, lab.help and a syntax error run at once', () => {
    for (const source of ['1 + 1', "lab.help('data')", 'lab.version', 'const = ;'])
      expect(kernel.needsServices(source), source).toBe(false);
  });
  it('makes a cell that names a namespace, lab itself, fetch or an import wait', () => {
    for (const source of [
      "await lab.data.load('diabetes')",
      'lab',
      "await fetch('api/v1/models')",
      "const aq2 = await import('arquero');",
      "import * as z from 'zod';",
    ])
      expect(kernel.needsServices(source), source).toBe(true);
  });
});
