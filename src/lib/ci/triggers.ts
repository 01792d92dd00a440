import { cronMatches, firesBetween, parseCron } from './cron';
import type { CiProblem } from './errors';
import { isWorkflowPath, parseWorkflow } from './parse-workflow';
import type { TriggerEvent } from './run-types';
import type { Workflow } from './schema';

/** The project's workflows (every `.github/workflows/*.yml`), and the problems of those that fail. */
export function readWorkflows(files: Readonly<Record<string, string>>): {
  workflows: Workflow[];
  problems: CiProblem[];
} {
  const workflows: Workflow[] = [];
  const problems: CiProblem[] = [];
  for (const path of Object.keys(files).filter(isWorkflowPath).sort()) {
    const parsed = parseWorkflow(files[path]!, path);
    if (parsed.ok) workflows.push(parsed.workflow);
    else problems.push(...parsed.problems);
  }
  return { workflows, problems };
}

/**
 * GitHub's branch filter patterns: `*` matches within one path segment, `**` across `/`, `?` one
 * character, a leading `!` negates (the last matching pattern decides).
 */
export function branchMatches(patterns: readonly string[], branch: string): boolean {
  let result = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (globToRegExp(negated ? pattern.slice(1) : pattern).test(branch)) result = !negated;
  }
  return result;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function filterAllows(
  filter: { branches?: string[]; 'branches-ignore'?: string[] } | null | undefined,
  branch: string,
) {
  if (filter?.branches && !branchMatches(filter.branches, branch)) return false;
  if (filter?.['branches-ignore'] && branchMatches(filter['branches-ignore'], branch)) return false;
  return true;
}

/** Whether `event` starts `workflow`, by its `on:` section. */
export function triggers(workflow: Workflow, event: TriggerEvent): boolean {
  const on = workflow.on;
  switch (event.name) {
    case 'push':
      return 'push' in on && filterAllows(on.push, event.branch);
    case 'pull_request':
      // As on GitHub, branch filters of pull_request name the branch merged into.
      return 'pull_request' in on && filterAllows(on.pull_request, event.base);
    case 'workflow_dispatch':
      return 'workflow_dispatch' in on;
    case 'schedule':
      return (on.schedule ?? []).some(
        (s) => s.cron === event.cron && cronMatches(parseCron(s.cron), event.at),
      );
    case 'repository_dispatch':
      return (
        'repository_dispatch' in on &&
        (!on.repository_dispatch?.types || on.repository_dispatch.types.includes(event.type))
      );
  }
}

/** The scheduled runs due when the simulated clock moves from `from` to `to`, oldest first. */
export function dueSchedules(
  workflows: readonly Workflow[],
  from: number,
  to: number,
): { workflow: Workflow; cron: string; at: number }[] {
  const due = workflows.flatMap((workflow) =>
    (workflow.on.schedule ?? []).flatMap(({ cron }) =>
      firesBetween(parseCron(cron), from, to).map((at) => ({ workflow, cron, at })),
    ),
  );
  return due.sort((a, b) => a.at - b.at);
}
