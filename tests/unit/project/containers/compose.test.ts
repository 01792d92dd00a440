import { describe, expect, it } from 'vitest';
import {
  apiPortFrom,
  lintContainerFile,
  parseCompose,
} from '../../../../src/lib/project/containers';
import { lintProject } from '../../../../src/lib/project/lint';

const COMPOSE =
  'services:\n  api:\n    build: .\n    ports:\n      - "8080:8000"\n  db:\n    image: postgres:16\n';

describe('compose.yaml', () => {
  it('reads services and the container port of the built service', () => {
    const parsed = parseCompose('compose.yaml', COMPOSE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.services.map((s) => s.name)).toEqual(['api', 'db']);
    expect(apiPortFrom(parsed)).toEqual({ port: 8000, from: 'compose.yaml service "api"' });
    const long = parseCompose(
      'compose.yaml',
      'services:\n  api:\n    build: .\n    ports:\n      - target: 9000\n        published: 80\n',
    );
    expect(apiPortFrom(long)?.port).toBe(9000);
  });

  it('YAML errors and bad ports are located', () => {
    const broken = parseCompose('compose.yaml', 'services:\n  api:\n    ports: [8000\n').problems;
    expect(broken[0]).toMatchObject({ severity: 'error', ruleId: null });
    expect(broken[0]!.line).toBeGreaterThan(1);
    const ports = parseCompose(
      'compose.yaml',
      'services:\n  api:\n    ports:\n      - "eighty:80x"\n',
    ).problems;
    expect(ports[0]).toMatchObject({ ruleId: 'compose/ports', line: 4, column: 9 });
    expect(parseCompose('compose.yaml', 'version: "3"\n').problems[0]!.ruleId).toBe(
      'compose/services',
    );
  });

  it("the Dockerfile's EXPOSE is checked against compose.yaml inside lintProject", () => {
    const dockerfile =
      'FROM python:3.11-slim\nUSER app\nEXPOSE 8000\nHEALTHCHECK CMD curl -f http://localhost:9000/health\n';
    const compose = COMPOSE.replace('8080:8000', '9000:9000');
    const report = lintProject([
      { path: 'Dockerfile', text: dockerfile },
      { path: 'compose.yaml', text: compose },
    ]);
    expect(report.summary.linted).toBe(2);
    const [file] = report.files;
    expect(file!.path).toBe('Dockerfile');
    expect(file!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['docker/expose-port', 3]]);
    expect(lintContainerFile('Dockerfile', dockerfile, null)).toEqual([]);
  });
});
