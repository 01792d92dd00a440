import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

type Doc = Record<string, unknown>;

/**
 * What two independent validators say of a document: @readme/openapi-parser (the OpenAPI 3.1
 * schema plus its own rules: arrays need `items`, unique operationIds…, warnings included) and
 * @seriousme/openapi-schema-validator (the official JSON Schemas). Empty when both accept it.
 */
export async function openApiProblems(doc: Doc): Promise<string[]> {
  const problems: string[] = [];
  const readme = await validate(structuredClone(doc) as never);
  if (!readme.valid || readme.warnings.length) problems.push(`readme: ${compileErrors(readme)}`);
  const serious = await new Validator().validate(structuredClone(doc));
  if (!serious.valid) problems.push(`seriousme: ${JSON.stringify(serious.errors).slice(0, 2000)}`);
  return problems;
}

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Dereferenced = { paths: Record<string, Record<string, Operation>> };

/**
 * Checks answers against the document: the operation a method and path reach declares the
 * status, and the JSON body validates against the schema declared for it. Returns the mismatches.
 */
export async function conformance(
  doc: Doc,
  answers: { method: string; path: string; status: number; body: unknown }[],
): Promise<string[]> {
  const deref = (await dereference(structuredClone(doc) as never)) as unknown as Dereferenced;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const templates = Object.keys(deref.paths).map((p) => ({
    p,
    re: new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
  }));
  const problems: string[] = [];
  for (const a of answers) {
    const where = `${a.method} ${a.path} → ${a.status}`;
    const template = templates.find((t) => t.re.test(a.path));
    const item = template ? deref.paths[template.p]! : {};
    // A 405 answers a method the path has no operation for: its operations declare it.
    const ops = a.status === 405 ? Object.values(item) : [item[a.method.toLowerCase()]];
    const declared = ops.length
      ? ops.map((op) => op?.responses[String(a.status)]).reduce((x, y) => (x && y ? x : undefined))
      : undefined;
    if (!declared) {
      problems.push(`${where}: not declared`);
      continue;
    }
    const schema = declared.content?.['application/json']?.schema;
    if (!schema) continue;
    const check = ajv.compile(schema);
    if (!check(a.body)) problems.push(`${where}: ${ajv.errorsText(check.errors)}`);
  }
  return problems;
}

/**
 * Per case, a typed client generated from the document (openapi-typescript, as a team would)
 * and `client.ts` compiled against it with the TypeScript compiler: the diagnostics, empty when
 * the client still fits the document.
 */
export async function compileClients(cases: { doc: Doc; client: string }[]): Promise<string[][]> {
  const root = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  const files = await Promise.all(
    cases.map(async ({ doc, client }, i) => {
      const dir = join(root, String(i));
      mkdirSync(dir);
      const types = astToString(await openapiTS(structuredClone(doc) as never));
      writeFileSync(join(dir, 'api.d.ts'), types);
      writeFileSync(join(dir, 'client.ts'), client);
      return join(dir, 'client.ts');
    }),
  );
  // One program for every case, with the ES library only: a compile costs seconds, not tens.
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return files.map((file) =>
    diagnostics
      .filter((d) => d.file?.fileName === file || d.file === undefined)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  );
}
