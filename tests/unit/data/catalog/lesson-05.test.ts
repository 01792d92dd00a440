import { expect, it } from 'vitest';
import { checkAll } from '../../../../src/lib/lessons';
import { createKernelRuntime } from '../../../../src/lib/kernel/runtime';
import { lineageLayout } from '../../../../src/lib/data/catalog/lineage';
import { readLessonFiles } from '../../../../scripts/vite/lessons-plugin';
import { useNodeServices } from '../../lab/node-services';

/**
 * Lesson 05 teaches that a saved copy of unchanged data is the same version, so the lineage is
 * raw → clean. Runs the lesson's cells and checks what they show against the catalogue.
 */
it('shows a copy with the same id and a lineage of raw → clean', async () => {
  const lesson = checkAll(readLessonFiles('lessons')).lessons.find(
    (l) => l.meta.id === 'data-versioning',
  )!;
  const services = useNodeServices();
  const kernel = createKernelRuntime();
  await kernel.reset();
  const run = async (id: string, source: string) => {
    const result = await kernel.run(id, source, () => {});
    expect(
      result.outputs.filter((o) => o.type === 'error'),
      id,
    ).toEqual([]);
    return result.outputs;
  };
  for (const block of lesson.blocks) {
    if (block.kind !== 'code') continue;
    await run(block.id, block.source);
    if (block.id === 'clean-parent') break;
  }
  const [out] = await run(
    'probe',
    'JSON.stringify({ rawId, copy: copy.id, changed: changed.id, clean: cleanVersion.id, parents: cleanVersion.parents })',
  );
  const shown = JSON.parse((out as { text: string }).text);
  expect(shown.copy).toBe(shown.rawId);
  expect(shown.changed).not.toBe(shown.rawId);
  expect(shown.parents).toEqual([shown.rawId]);

  const layout = lineageLayout(await services.catalog.versions(), shown.clean);
  expect(layout.nodes.map((n) => [n.version.id, n.names])).toEqual([
    [shown.rawId, ['nyc-taxi', 'taxi-copy']],
    [shown.clean, ['taxi-clean']],
  ]);
  expect(layout.edges).toEqual([{ from: shown.rawId, to: shown.clean }]);
}, 120_000);
