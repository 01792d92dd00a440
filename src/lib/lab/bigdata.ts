import { from as aqFrom, type ColumnTable } from 'arquero';
import {
  finish,
  type Aggregate,
  type Filter,
  type FilterOp,
  type GroupKey,
  type JobPlan,
  type PartReport,
} from '../data/partitions';
import { defineLabNamespace, type LabContext } from './index';
import { labServices } from './services';
import { LiveProgress, SHOW_AFTER_MS } from './live-progress';

/** A file this big takes seconds to scan even on a pool: its bar shows at once. */
const LONG_SCAN_BYTES = 50 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const OPS: FilterOp[] = ['==', '!=', '<', '<=', '>', '>='];

function describeAggregate(a: Aggregate): string {
  switch (a.kind) {
    case 'count':
      return 'count rows';
    case 'describe':
      return `describe ${a.columns.join(', ')}`;
    case 'groupCount':
      return `count by ${a.by === 'value' ? a.column : `${a.by} of ${a.column}`}`;
    case 'histogram':
      return `histogram of ${a.column}: ${a.bins} bins from ${a.min} to ${a.max}`;
  }
}

/** A query that has not run: Spark's lazy DataFrame, small. `collect` runs it. */
class LazyQuery {
  constructor(
    private readonly ctx: LabContext,
    private readonly file: Blob,
    private readonly plan: JobPlan,
  ) {}

  /** The plan, bottom-up like Spark's explain(): nothing has been read yet. */
  explain(): string {
    const lines = [
      '== Plan (nothing has run yet) ==',
      `Aggregate: ${describeAggregate(this.plan.aggregate)}`,
      ...this.plan.filters.map((f) => `Filter: ${f.column} ${f.op} ${JSON.stringify(f.value)}`),
      `Scan CSV: ${mb(this.file.size)}`,
    ];
    return lines.map((l, i) => (i < 2 ? l : `${'   '.repeat(i - 2)}+- ${l}`)).join('\n');
  }

  /**
   * Runs the plan in `parts` parts on the worker pool; shows each part as it finishes, and a bar
   * of parts whose Cancel terminates the pool (nothing is kept of a cancelled job).
   */
  async collect(options: { parts?: number } = {}): Promise<ColumnTable> {
    const { partitions } = labServices();
    const parts = options.parts ?? partitions.poolSize;
    const started = performance.now();
    const bar = new LiveProgress(
      this.ctx.display,
      `${describeAggregate(this.plan.aggregate)} over ${mb(this.file.size)} in ${parts} parts`,
      parts,
      'parts',
      this.file.size >= LONG_SCAN_BYTES ? 0 : SHOW_AFTER_MS,
    );
    let done = 0;
    const show = (r: PartReport) => {
      bar.step(++done);
      this.ctx.display(
        `part ${r.part + 1}/${parts}: ${r.rows.toLocaleString('en-US')} rows, ${mb(r.bytes)} in ${(r.ms / 1000).toFixed(2)} s`,
      );
    };
    let partial;
    try {
      ({ partial } = await partitions.run(this.file, this.plan, parts, show, bar.cancelSignal));
    } catch (error) {
      if (bar.cancelSignal.aborted)
        throw bar.cancelled('the workers were stopped and no result was kept');
      bar.end('failed', (error as Error).message);
      throw error;
    }
    const workers = Math.min(parts, partitions.poolSize);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    bar.end('done', `${workers} ${workers === 1 ? 'worker' : 'workers'}, ${seconds} s`);
    this.ctx.display(
      `${parts} ${parts === 1 ? 'part' : 'parts'} on ${workers} ${workers === 1 ? 'worker' : 'workers'}: ${seconds} s`,
    );
    return aqFrom(finish(partial, this.plan));
  }
}

/** A CSV file to process in parts; filters and one aggregate build a LazyQuery. */
class LazyScan {
  constructor(
    private readonly ctx: LabContext,
    readonly file: Blob,
    private readonly filters: Filter[] = [],
  ) {}

  filter(column: string, op: FilterOp, value: number | string): LazyScan {
    if (!OPS.includes(op)) throw new TypeError(`op must be one of ${OPS.join(' ')} (got "${op}").`);
    return new LazyScan(this.ctx, this.file, [...this.filters, { column, op, value }]);
  }
  #query(aggregate: Aggregate) {
    return new LazyQuery(this.ctx, this.file, { filters: this.filters, aggregate });
  }
  count() {
    return this.#query({ kind: 'count' });
  }
  describe(...columns: string[]) {
    return this.#query({ kind: 'describe', columns });
  }
  groupCount(column: string, by: GroupKey = 'value') {
    return this.#query({ kind: 'groupCount', column, by });
  }
  histogram(column: string, options: { bins?: number; min: number; max: number }) {
    return this.#query({ kind: 'histogram', column, bins: options.bins ?? 20, ...options });
  }
}

/** The shipped taxi sample repeated `copies` times (header once): a file of real size. */
async function taxiFile(options: { copies?: number } = {}): Promise<Blob> {
  const copies = options.copies ?? 15;
  const bytes = await labServices().partitions.shippedBytes('nyc-taxi/nyc-taxi-sample-100k.csv.gz');
  const headerEnd = bytes.indexOf(0x0a) + 1;
  const header = bytes.slice(0, headerEnd) as Uint8Array<ArrayBuffer>;
  const body = bytes.slice(headerEnd) as Uint8Array<ArrayBuffer>;
  return new Blob([header, ...Array.from({ length: copies }, () => body)], {
    type: 'text/csv',
  });
}

defineLabNamespace('bigdata', (ctx) => ({
  taxiFile,
  scan: (file: Blob) => {
    if (!(file instanceof Blob))
      throw new TypeError('scan needs a file (a Blob), e.g. from await lab.bigdata.taxiFile().');
    return new LazyScan(ctx, file);
  },
  get poolSize() {
    return labServices().partitions.poolSize;
  },
}));
