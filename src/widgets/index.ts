import type { Component } from 'svelte';
import type { WidgetName } from '../lib/widgets/registry';
import ApiTryIt from './ApiTryIt.svelte';
import CanaryControl from './CanaryControl.svelte';
import DriftMonitor from './DriftMonitor.svelte';
import KeyboardShortcuts from './KeyboardShortcuts.svelte';
import LifecycleExplorer from './LifecycleExplorer.svelte';
import MaturityLevels from './MaturityLevels.svelte';

/**
 * Widget name (as written in lessons) → component. Option schemas live in
 * src/lib/widgets/registry.ts; tests/unit/lessons/widgets.test.ts keeps the two in step.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each widget has its own option type
export const widgetComponents: Record<WidgetName, Component<{ options: any }>> = {
  'lifecycle-explorer': LifecycleExplorer,
  'maturity-levels': MaturityLevels,
  'keyboard-shortcuts': KeyboardShortcuts,
  'canary-control': CanaryControl,
  'api-try-it': ApiTryIt,
  'drift-monitor': DriftMonitor,
};
