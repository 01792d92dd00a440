import { readJsonBody } from '../body-limits';
import type { Handler, ServingContext } from '../context';
import type { ValidationIssue } from '../errors';
import { fail, json, type ApiResponse } from '../http';
import { MAX_ISSUES } from '../scoring';

type Label = { id: string; label: number; at: number };

/** `[{request_id, label}]` (or one such object) checked field by field. */
function readLabels(list: unknown[], at: number): { labels: Label[]; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const labels = list.flatMap((item, i) => {
    const r = item as { request_id?: unknown; label?: unknown };
    if (typeof r?.request_id !== 'string')
      issues.push({
        loc: ['body', i, 'request_id'],
        type: 'string_type',
        msg: 'Input should be a valid string',
        input: r?.request_id,
      });
    if (typeof r?.label !== 'number' || !Number.isFinite(r.label))
      issues.push({
        loc: ['body', i, 'label'],
        type: 'finite_number',
        msg: 'Input should be a finite number',
        input: r?.label,
      });
    return issues.length ? [] : [{ id: r.request_id as string, label: r.label as number, at }];
  });
  return { labels, issues };
}

/**
 * Ground truth for logged requests (and their shadow copies): `value` is `{request_id, label}` or
 * a list of them, at most `limit`. One path for built-in endpoints and students' own APIs, whose
 * requests the same logger stored. `held` gets the labels for records not yet stored.
 */
export async function applyLabels(
  ctx: ServingContext,
  value: unknown,
  limit: number,
  held: (labels: Map<string, Label>) => void = () => {},
): Promise<ApiResponse> {
  const list = Array.isArray(value) ? value : [value];
  if (list.length > limit)
    return fail(
      413,
      `${list.length} labels exceed this endpoint's limit of ${limit} per request; send them in parts.`,
    );
  const { labels, issues } = readLabels(list, ctx.d.now());
  if (issues.length) return fail(422, issues.slice(0, MAX_ISSUES));
  await ctx.log.flush();
  const shadows = labels.map((l) => ({ ...l, id: `${l.id}:shadow` }));
  const found = (await ctx.d.port.label([...labels, ...shadows])).filter(
    (r) => r.shadowOf === null,
  );
  held(new Map([...labels, ...shadows].map((l) => [l.id, l])));
  const known = new Set(found.map((r) => r.id));
  return json(200, {
    labelled: found.length,
    unknown: labels.filter((l) => !known.has(l.id)).map((l) => l.id),
  });
}

/** `POST v1/models/{name}/labels`: ground truth for earlier requests (and their shadow copies). */
export const labels: Handler = async (ctx, req, { name }) => {
  const parsed = readJsonBody(req);
  if ('refused' in parsed) return parsed.refused;
  const endpoint = await ctx.endpoints.get(name!);
  if (!endpoint) return fail(404, `Model endpoint "${name}" not found.`);
  // Records still held for the canary guard get their labels too.
  return applyLabels(ctx, parsed.value, endpoint.maxBatchRows, (held) =>
    ctx.canary.labelled(endpoint, held),
  );
};
