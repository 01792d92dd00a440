import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isWidgetName,
  validateWidgetOptions,
  widgetNames,
  widgetRegistry,
} from '../../../src/lib/widgets/registry';
import { eventKeys, findShortcut, keyLabels, SHORTCUTS } from '../../../src/widgets/shortcuts';
import { maturityLevel, missingForNext, PRACTICES } from '../../../src/widgets/maturity';
import { PHASES } from '../../../src/widgets/lifecycle-phases';
import { CRISP_PHASES, MATURITY_PRACTICES } from '../../../src/lib/widgets/registry';

describe('widget registry', () => {
  it('has a component for every name, and a name for every component', () => {
    // src/widgets/index.ts imports .svelte files, so read it rather than import it in Node.
    const index = readFileSync('src/widgets/index.ts', 'utf8');
    const mapped = [...index.matchAll(/^\s+'([a-z0-9-]+)': (\w+),$/gm)];
    expect(mapped.map((m) => m[1]).sort()).toEqual([...widgetNames].sort());
    const components = readdirSync('src/widgets').filter((f) => f.endsWith('.svelte'));
    expect(mapped.map((m) => `${m[2]}.svelte`).sort()).toEqual(components.sort());
  });

  it('describes every widget and every option', () => {
    for (const name of widgetNames) {
      const { description, options } = widgetRegistry[name];
      expect(description, name).toMatch(/\S/);
      for (const [option, schema] of Object.entries(options.shape))
        expect(schema.description, `${name}.${option}`).toMatch(/\S/);
    }
    expect(isWidgetName('maturity-levels')).toBe(true);
    expect(isWidgetName('toString')).toBe(false);
  });

  it("refuses a drift monitor's step past its window, naming the option", () => {
    expect(
      validateWidgetOptions('drift-monitor', { endpoint: 'e', windowSize: 50, step: 25 }),
    ).toEqual({
      ok: true,
      options: { endpoint: 'e', windowSize: 50, step: 25 },
    });
    const tooFar = validateWidgetOptions('drift-monitor', {
      endpoint: 'e',
      windowSize: 50,
      step: 60,
    });
    expect(tooFar).toEqual({
      ok: false,
      issues: [
        { path: ['step'], message: expect.stringContaining('at most the window size (50)') },
      ],
    });
    // Without a window size the default window (100) bounds the step.
    expect(validateWidgetOptions('drift-monitor', { endpoint: 'e', step: 101 }).ok).toBe(false);
    expect(validateWidgetOptions('drift-monitor', { endpoint: 'e', step: 100 }).ok).toBe(true);
  });

  it('keeps the widget content in step with the option enums', () => {
    expect(PHASES.map((p) => p.id)).toEqual([...CRISP_PHASES]);
    expect(PRACTICES.map((p) => p.id).sort()).toEqual([...MATURITY_PRACTICES].sort());
  });
});

describe('maturity-levels logic', () => {
  const level1 = PRACTICES.filter((p) => p.level === 1).map((p) => p.id);
  it('is level 0 until every level-1 practice is in place, level 2 with all', () => {
    expect(maturityLevel([])).toBe(0);
    expect(maturityLevel(['pipeline-ci', 'pipeline-cd'])).toBe(0);
    expect(maturityLevel(level1)).toBe(1);
    expect(maturityLevel(PRACTICES.map((p) => p.id))).toBe(2);
    expect(missingForNext(level1).every((p) => p.level === 2)).toBe(true);
    expect(missingForNext(PRACTICES.map((p) => p.id))).toEqual([]);
  });
});

describe('keyboard-shortcuts logic', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });
  it('names a key event in the notebook notation and finds its shortcut', () => {
    expect(eventKeys(key('Enter', { shiftKey: true }), false)).toBe('Shift-Enter');
    expect(eventKeys(key('Enter', { ctrlKey: true }), false)).toBe('Mod-Enter');
    expect(eventKeys(key('Enter', { metaKey: true }), true)).toBe('Mod-Enter');
    expect(eventKeys(key('Z', { metaKey: true, shiftKey: true }), true)).toBe('Mod-Shift-z');
    expect(eventKeys(key(' ', { ctrlKey: true }), false)).toBe('Mod-Space');
    expect(eventKeys(key('Shift', { shiftKey: true }), false)).toBeNull();
    expect(findShortcut('Mod-Space', SHORTCUTS)?.keys).toBe('Ctrl-Space');
    expect(findShortcut('Alt-Enter', SHORTCUTS)?.does).toMatch(/insert/);
  });
  it('labels keys for each platform', () => {
    expect(keyLabels('Mod-Enter', false)).toEqual(['Ctrl', 'Enter']);
    expect(keyLabels('Mod-Enter', true)).toEqual(['⌘ Cmd', 'Return']);
    expect(keyLabels('Mod-/', false)).toEqual(['Ctrl', '/']);
  });
});
