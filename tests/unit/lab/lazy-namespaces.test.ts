import { describe, expect, it } from 'vitest';
import { createLab } from '../../../src/lib/lab';
import { LAB_DOCS } from '../../../src/lib/lab/docs';
import { LAB_NAMESPACES, loadLabNamespaces } from '../../../src/lib/lab/namespaces';
import { createKernelRuntime } from '../../../src/lib/kernel/runtime';
import { LabError } from '../../../src/lib/lab/errors';

// This file imports no namespace module itself: each loads only through loadLabNamespaces.
describe('lab namespaces load on first use', () => {
  it('has a loader for every documented namespace', () => {
    expect([...LAB_NAMESPACES].sort()).toEqual(Object.keys(LAB_DOCS).sort());
  });

  it('says a namespace reached unnamed is not loaded yet, instead of turning it async', async () => {
    const lab = createLab({ display: () => undefined });
    expect(Object.keys(lab)).toEqual(expect.arrayContaining(LAB_NAMESPACES));
    let error: unknown;
    try {
      void lab['export'];
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LabError);
    expect(error).toMatchObject({
      code: 'not-loaded',
      message: expect.stringContaining('lab.export'),
    });
    await loadLabNamespaces(['export']);
    const { python } = lab['export'] as Record<string, unknown>;
    expect(typeof python).toBe('function');
    // A cell may still replace a namespace on its own lab.
    lab['export'] = 1;
    expect(lab['export']).toBe(1);
  }, 60_000);

  it('loads what a cell names before it runs, so sync members stay sync', async () => {
    const kernel = createKernelRuntime();
    await kernel.reset();
    const { outputs } = await kernel.run(
      'c',
      "[typeof lab.sql.open, typeof lab.help('sql')].join(' ')",
      () => undefined,
    );
    expect(outputs).toEqual([{ type: 'value', text: 'function string' }]);
  });
});
