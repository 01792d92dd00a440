import type { ProgressView } from './estimate';

/** "0 s", "42 s", "3 min 05 s", "1 h 02 min": whole seconds, readable from the back of a room. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "about 12 s left", "estimating…" before a rate is known, "" when the total is unknown. */
export function etaText(view: ProgressView): string {
  if (view.total === null) return '';
  if (view.etaMs === null) return 'estimating time left…';
  return `about ${formatDuration(view.etaMs)} left`;
}

/** "12 of 30 epochs" or "12 epochs" when the total is unknown. */
export function countText(view: ProgressView): string {
  const n = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return view.total === null
    ? `${n(view.done)} ${view.unit}`
    : `${n(view.done)} of ${n(view.total)} ${view.unit}`;
}

/**
 * The whole state in one sentence: the bar's aria-valuetext and its visible caption. Once the
 * work has ended (`running` false) it says how far it got and how long it took, no estimate.
 */
export function progressText(view: ProgressView, running = true): string {
  const parts = [
    view.fraction === null ? null : `${Math.floor(view.fraction * 100)}%`,
    countText(view),
    running ? `${formatDuration(view.elapsedMs)} elapsed` : `in ${formatDuration(view.elapsedMs)}`,
    (running && etaText(view)) || null,
  ];
  return parts.filter((p) => p !== null).join(', ');
}
