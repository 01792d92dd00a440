import type { SentRequest } from '../bridges/serving-bridge';
import { validationIssues } from '../lib/serving/openapi-view';
import { messageOf, servingBridge } from './serving.svelte';

/** The course's ten diabetes features, in the form's order, with their units and slider steps. */
export const DIABETES_FEATURES = [
  { name: 'age', label: 'Age', unit: 'years', step: 1 },
  { name: 'sex', label: 'Sex', unit: 'coded 1 or 2', step: 1 },
  { name: 'bmi', label: 'Body mass index', unit: 'kg/m²', step: 0.1 },
  { name: 'bp', label: 'Average blood pressure', unit: 'mm Hg', step: 0.01 },
  { name: 'tc', label: 'Total serum cholesterol', unit: 'mg/dL', step: 1 },
  { name: 'ldl', label: 'Low-density lipoproteins', unit: 'mg/dL', step: 0.1 },
  { name: 'hdl', label: 'High-density lipoproteins', unit: 'mg/dL', step: 0.1 },
  { name: 'tch', label: 'Total cholesterol / HDL', unit: 'ratio', step: 0.01 },
  { name: 'ltg', label: 'Log of serum triglycerides', unit: 'log units', step: 0.0001 },
  { name: 'glu', label: 'Blood sugar level', unit: 'mg/dL', step: 1 },
] as const;

export interface ColumnRange {
  name: string;
  min: number;
  median: number;
  max: number;
}

const roundTo = (value: number, step: number) => +(Math.round(value / step) * step).toFixed(4);

/** The API's refusal as the student should read it: status, then its detail (or each issue). */
const detailOf = (sent: SentRequest) => {
  const detail = (sent.response.body as { detail?: unknown } | null)?.detail;
  const text =
    typeof detail === 'string' ? detail : validationIssues(sent.response.body).join('; ');
  return `${sent.response.status}: ${text || JSON.stringify(sent.response.body)}`;
};

/**
 * The course's Streamlit-like app: a form of the ten features that calls `POST diabetes/predict`,
 * and a random test patient from `GET diabetes/patients/randomtest` whose true progression is
 * shown beside the prediction until the form is edited.
 */
export class DiabetesApp {
  ranges = $state.raw<Record<string, ColumnRange>>({});
  values = $state<Record<string, number>>({});
  /** The loaded patient's observed progression; cleared when the form is edited. */
  trueY = $state<number | null>(null);
  prediction = $state.raw<{ value: number; ms: number; via: string } | null>(null);
  /** What the API said when it could not answer (e.g. no "diabetes" endpoint deployed). */
  problem = $state<string | null>(null);
  busy = $state(false);

  readonly error = $derived(
    this.prediction && this.trueY !== null ? this.prediction.value - this.trueY : null,
  );

  async load(): Promise<void> {
    try {
      const ranges = await servingBridge().call((api) => api.columnRanges('diabetes'));
      this.ranges = Object.fromEntries(ranges.map((r) => [r.name, r]));
      // Medians of an even count can fall between steps: rounded to the slider's step.
      for (const f of DIABETES_FEATURES)
        this.values[f.name] ??=
          f.name === 'sex' ? 1 : roundTo(this.ranges[f.name]?.median ?? 0, f.step);
    } catch (error) {
      this.problem = messageOf(error);
    }
  }

  set(name: string, value: number): void {
    if (!Number.isFinite(value)) return;
    this.values[name] = value;
    this.trueY = null;
    this.prediction = null;
  }

  async randomPatient(): Promise<void> {
    await this.#call(async (bridge) => {
      const sent = await bridge.send({
        method: 'GET',
        path: 'diabetes/patients/randomtest',
        headers: {},
        body: null,
      });
      if (sent.response.status !== 200) return void (this.problem = detailOf(sent));
      const { x, y } = sent.response.body as { x: Record<string, number>; y: number };
      for (const f of DIABETES_FEATURES)
        if (typeof x[f.name] === 'number') this.values[f.name] = x[f.name]!;
      this.trueY = y;
      this.prediction = null;
    });
  }

  async predict(): Promise<void> {
    await this.#call(async (bridge) => {
      const sent = await bridge.send({
        method: 'POST',
        path: 'diabetes/predict',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.values),
      });
      if (sent.response.status !== 200) return void (this.problem = detailOf(sent));
      const { result } = sent.response.body as { result: number };
      this.prediction = { value: result, ms: sent.ms, via: sent.via };
    });
  }

  async #call(work: (bridge: ReturnType<typeof servingBridge>) => Promise<void>) {
    this.problem = null;
    this.busy = true;
    try {
      await work(servingBridge());
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.busy = false;
    }
  }
}
