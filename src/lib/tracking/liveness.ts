import type { Run, TrackingPort } from './types';

/**
 * Whether the kernel that runs a run is still alive. A kernel holds a Web Lock named after its
 * session for as long as it lives, and the browser releases a context's locks however it ends:
 * closed, terminated, or crashed — a worker that exhausts its memory takes its whole tab down
 * with it in Chromium, so nothing in that tab can mark the run failed. Any other page can: a run
 * still RUNNING whose session holds no lock has lost its kernel.
 */

/** What this module uses of `navigator.locks`, so Node tests can pass their own. */
export interface SessionLocks {
  request(name: string, callback: () => Promise<unknown>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const PREFIX = 'labbook-kernel:';

export const KERNEL_GONE_REASON =
  'its kernel is gone: the page crashed (most often by running out of memory) or was closed while the run was active';

/** This context's Web Locks, or null where the browser has none (insecure origins, Node). */
export function webLocks(): SessionLocks | null {
  return (globalThis.navigator as { locks?: SessionLocks } | undefined)?.locks ?? null;
}

/** Holds the session's lock until this context ends; resolves once it is held. */
export function holdSession(locks: SessionLocks, session: string): Promise<void> {
  return new Promise((held) => {
    void locks.request(PREFIX + session, () => {
      held();
      return new Promise(() => {});
    });
  });
}

/** When a run last showed signs of life: its start or its latest metric. */
function lastActivity(run: Run): number {
  return Math.max(run.startTime, ...Object.values(run.metrics).map((m) => m.timestamp));
}

/**
 * Marks FAILED, with the reason, each of `runs` still RUNNING whose kernel session holds no lock.
 * The run ends at its last activity, so its duration (and energy estimate) is not inflated by the
 * time it took someone to notice. Returns the runs it marked.
 */
export async function failRunsOfGoneKernels(
  port: TrackingPort,
  runs: Run[],
  locks: SessionLocks | null = webLocks(),
): Promise<Run[]> {
  const candidates = runs.filter((r) => r.status === 'RUNNING' && r.source.session);
  if (!locks || candidates.length === 0) return [];
  const held = new Set(((await locks.query()).held ?? []).map((l) => l.name));
  const failed: Run[] = [];
  for (const candidate of candidates) {
    if (held.has(PREFIX + candidate.source.session)) continue;
    // Read again: the kernel's own page may have ended the run meanwhile (interrupt, restart).
    const run = await port.run(candidate.id);
    if (run?.status !== 'RUNNING') continue;
    const marked: Run = {
      ...run,
      status: 'FAILED',
      endTime: lastActivity(run),
      tags: { ...run.tags, 'labbook.stopped': KERNEL_GONE_REASON },
    };
    await port.putRun(marked);
    failed.push(marked);
  }
  return failed;
}
