/**
 * Where a workspace file points at a model version by (model name, version number), rewritten
 * for versions a merge renumbers. Pure: it reads and returns the file's tables only.
 */

/** model name → (version number in the file → number it is stored under). */
export type VersionMap = ReadonlyMap<string, ReadonlyMap<number, number>>;

type Row = Record<string, unknown>;
type Rows = Record<string, unknown[]>;

/** The deployment fields that hold a version number, whatever the strategy. */
const DEPLOYMENT_VERSIONS = [
  'version',
  'blue',
  'green',
  'stable',
  'canary',
  'champion',
  'challenger',
];

const isRow = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The row with `changes` to the fields it has (a field it lacks is not added as undefined). */
const patch = (row: Row, changes: Row): Row => ({
  ...row,
  ...Object.fromEntries(Object.entries(changes).filter(([k]) => k in row)),
});

/**
 * Every pointer of the file's rows at a renumbered version, moved with it: the model's aliases,
 * endpoints (deployment and faults), their deployment events, the request log, lineage of data
 * versions scored or collected by a version, and CI runs (the versions they vouch for, which the
 * champion gate reads, and `models:/name/N` step outputs). A version's model-test report is on
 * its own row and moves with it. Text a person wrote (cells, project files, logs) is left as it is.
 */
export function remapVersionPointers(tables: Rows, map: VersionMap): Rows {
  const moves = new Map(
    [...map].map(([model, numbers]) => [model, new Map([...numbers].filter(([a, b]) => a !== b))]),
  );
  if (![...moves.values()].some((m) => m.size > 0)) return tables;
  const to = (model: unknown, version: unknown): unknown =>
    typeof model === 'string' && typeof version === 'number'
      ? (moves.get(model)?.get(version) ?? version)
      : version;
  // Events and requests name their endpoint; the file's endpoint says which model it serves.
  const served = new Map(
    (tables.endpoints ?? []).filter(isRow).map((e) => [e.name, e.model] as const),
  );
  const each = (name: string, fn: (row: Row) => Row): unknown[] | undefined =>
    tables[name]?.map((row) => (isRow(row) ? fn(row) : row));
  const out: Rows = { ...tables };
  const set = (name: string, rows: unknown[] | undefined) => {
    if (rows) out[name] = rows;
  };
  set(
    'modelVersions',
    each('modelVersions', (v) => patch(v, { version: to(v.name, v.version) })),
  );
  set(
    'models',
    each('models', (m) =>
      isRow(m.aliases) ? { ...m, aliases: mapEntries(m.aliases, (a, v) => [a, to(m.name, v)]) } : m,
    ),
  );
  set(
    'endpoints',
    each('endpoints', (e) =>
      patch(e, {
        deployment: deployment(e.deployment, (v) => to(e.model, v)),
        faults: isRow(e.faults)
          ? mapEntries(e.faults, (v, f) => [String(to(e.model, Number(v))), f])
          : e.faults,
      }),
    ),
  );
  set(
    'deploymentEvents',
    each('deploymentEvents', (event) => {
      const model = served.get(event.endpoint);
      return patch(event, {
        from: deployment(event.from, (v) => to(model, v)),
        to: deployment(event.to, (v) => to(model, v)),
      });
    }),
  );
  set(
    'requests',
    each('requests', (r) =>
      patch(r, {
        version: to(typeof r.model === 'string' ? r.model : served.get(r.endpoint), r.version),
      }),
    ),
  );
  set(
    'datasetNames',
    each('datasetNames', (d) => lineage(d, to)),
  );
  set(
    'ciRuns',
    each('ciRuns', (run) => ciRun(run, to)),
  );
  return out;
}

/** Entries mapped into a new object (`Object.fromEntries` defines keys: "__proto__" stays a key). */
function mapEntries(obj: Row, fn: (key: string, value: unknown) => [string, unknown]): Row {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => fn(k, v)));
}

function deployment(value: unknown, to: (version: unknown) => unknown): unknown {
  if (!isRow(value)) return value;
  return mapEntries(value, (k, v) => [k, DEPLOYMENT_VERSIONS.includes(k) ? to(v) : v]);
}

type To = (model: unknown, version: unknown) => unknown;

/** A data version scored by (or collected from) a model version names it in its transform. */
function lineage(row: Row, to: To): Row {
  const transform = row.transform;
  if (!isRow(transform) || !isRow(transform.params)) return row;
  const { model, version } = transform.params;
  const moved = to(model, version);
  if (moved === version) return row;
  const description =
    typeof transform.description === 'string'
      ? replaceRef(
          transform.description,
          `${String(model)} v${String(version)}`,
          `${String(model)} v${String(moved)}`,
        )
      : transform.description;
  return {
    ...row,
    transform: { ...transform, description, params: { ...transform.params, version: moved } },
  };
}

/** `from` replaced where no digit follows it (so "m v1" does not rewrite "m v12"). */
function replaceRef(text: string, from: string, into: string): string {
  let out = '';
  let at = 0;
  for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) {
    if (/\d/.test(text[i + from.length] ?? '')) continue;
    out += text.slice(at, i) + into;
    at = i + from.length;
  }
  return out + text.slice(at);
}

const MODEL_URI = /^models:\/(.+)\/(\d+)$/;

function ciRun(run: Row, to: To): Row {
  const uri = (value: unknown): unknown => {
    const match = typeof value === 'string' ? MODEL_URI.exec(value) : null;
    return match ? `models:/${match[1]}/${String(to(match[1], Number(match[2])))}` : value;
  };
  const outputs = (o: unknown) => (isRow(o) ? mapEntries(o, (k, v) => [k, uri(v)]) : o);
  const vouched = Array.isArray(run.vouched)
    ? run.vouched.map((v) => (isRow(v) ? { ...v, version: to(v.name, v.version) } : v))
    : run.vouched;
  return patch(run, {
    vouched,
    // The index the champion gate looks runs up by: `name@version` (src/lib/store/ci-port.ts).
    vouchedKeys: Array.isArray(vouched)
      ? vouched.filter(isRow).map((v) => `${String(v.name)}@${String(v.version)}`)
      : run.vouchedKeys,
    jobs: Array.isArray(run.jobs)
      ? run.jobs.map((job) =>
          isRow(job)
            ? patch(job, {
                outputs: outputs(job.outputs),
                steps: Array.isArray(job.steps)
                  ? job.steps.map((s) => (isRow(s) ? patch(s, { outputs: outputs(s.outputs) }) : s))
                  : job.steps,
              })
            : job,
        )
      : run.jobs,
  });
}
