import { didYouMean } from '../lessons/errors';

export type NeedsProblem =
  | { kind: 'unknown'; job: string; need: string; message: string }
  | { kind: 'cycle'; job: string; cycle: string[]; message: string };

/**
 * Checks `needs:` and orders the jobs: every job after the jobs it needs (Kahn's algorithm, ties
 * in file order). Returns the problems instead when a need names no job or the needs form a loop.
 */
export function orderJobs(
  needs: Record<string, readonly string[]>,
): { order: string[] } | { problems: NeedsProblem[] } {
  const jobs = Object.keys(needs);
  const problems: NeedsProblem[] = [];
  for (const job of jobs)
    for (const need of needs[job]!)
      if (!Object.hasOwn(needs, need))
        problems.push({
          kind: 'unknown',
          job,
          need,
          message: `Job "${job}" needs "${need}", which is not a job of this workflow.${didYouMean(need, jobs)} The jobs are: ${jobs.join(', ')}.`,
        });
  if (problems.length) return { problems };
  const waiting = new Map(jobs.map((j) => [j, new Set(needs[j])]));
  const order: string[] = [];
  for (;;) {
    const ready = jobs.filter((j) => waiting.get(j)?.size === 0);
    if (ready.length === 0) break;
    for (const j of ready) {
      waiting.delete(j);
      order.push(j);
      for (const rest of waiting.values()) rest.delete(j);
    }
  }
  if (waiting.size === 0) return { order };
  const cycle = findCycle(needs, [...waiting.keys()]);
  return {
    problems: [
      {
        kind: 'cycle',
        job: cycle[0]!,
        cycle,
        message: `The needs of these jobs go round in a circle: ${cycle.join(' → ')}. A job cannot wait for itself; remove one of these needs.`,
      },
    ],
  };
}

/** One loop among the stuck jobs, as a path that returns to its start (a → b → a). */
function findCycle(needs: Record<string, readonly string[]>, stuck: string[]): string[] {
  const inStuck = new Set(stuck);
  const path: string[] = [];
  const onPath = new Set<string>();
  let job = stuck[0]!;
  while (!onPath.has(job)) {
    path.push(job);
    onPath.add(job);
    job = needs[job]!.find((n) => inStuck.has(n))!;
  }
  return [...path.slice(path.indexOf(job)), job];
}

/** Jobs grouped in waves: each wave needs only earlier waves, so its jobs may run together. */
export function waves(
  needs: Record<string, readonly string[]>,
  order: readonly string[],
): string[][] {
  const level = new Map<string, number>();
  for (const job of order)
    level.set(job, Math.max(-1, ...needs[job]!.map((n) => level.get(n)!)) + 1);
  const result: string[][] = [];
  for (const job of order) (result[level.get(job)!] ??= []).push(job);
  return result;
}
