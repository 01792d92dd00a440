import type { z } from 'zod';

/** The HTTP methods a student route may answer (FastAPI's `@app.get`, `@app.post`, …). */
export const STUDENT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type StudentMethod = (typeof STUDENT_METHODS)[number];

/** A registered model as a handler sees it: `await model('models:/taxi-duration@champion')`. */
export interface StudentModel {
  name: string;
  version: number;
  /** The signature's input names, in order. */
  inputs: string[];
  /** One row → one prediction, or rows → predictions; the model's saved preprocessing applies. */
  predict(row: Record<string, unknown>): number;
  predict(rows: Record<string, unknown>[]): number[];
}

/** What a handler gets beside the validated body (FastAPI's path/query parameters, dependencies). */
export interface HandlerContext {
  /** Path parameters by name: `/trips/{trip_id}` → `{ trip_id: '42' }`. */
  params: Record<string, string>;
  /** The query string, validated by the route's `query` schema when it has one. */
  query: Record<string, unknown>;
  /** Loads a registered model by URI (`models:/name@alias` or `models:/name/3`). */
  model(uri: string): Promise<StudentModel>;
}

/** One route, as FastAPI's `@app.post("/predict", response_model=Out)` over `def f(body: In)`. */
export interface StudentRoute {
  method: StudentMethod;
  /** Starts with `/`; parameters in braces: `/trips/{trip_id}`. */
  path: string;
  summary?: string;
  /** The request body's schema (the pydantic model of the body parameter). */
  body?: z.ZodType;
  /** The query string's schema (values arrive as strings: use z.coerce.number()). */
  query?: z.ZodType;
  /** The answer's schema (`response_model`): an answer that does not fit is a 500, as in FastAPI. */
  response?: z.ZodType;
  handler(body: unknown, context: HandlerContext): unknown;
}

export interface StudentApiSpec {
  title?: string;
  description?: string;
  version?: string;
  routes: StudentRoute[];
}

/**
 * Declares a project's API (`export default defineApi({ routes: [...] })` in `api.js`). It only
 * gives the declaration its type (editors complete the fields); everything is checked when the
 * API is served (declaration.ts), where the errors can name the file and the route.
 */
export function defineApi<T extends StudentApiSpec>(spec: T): T {
  return spec;
}
