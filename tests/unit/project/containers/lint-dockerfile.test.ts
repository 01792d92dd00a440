import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../../../src/lib/project/containers';

/** The course's Dockerfile: passes every rule. */
const GOOD = [
  'FROM python:3.11-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'RUN useradd --create-home app',
  'USER app',
  'EXPOSE 8000',
  'HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1',
  'CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]',
].join('\n');

const lint = (text: string, port?: number) =>
  lintDockerfile(
    'Dockerfile',
    text,
    port ? { apiPort: { port, from: 'compose.yaml service "api"' } } : {},
  );
const only = (text: string, rule: string) => lint(text).filter((d) => d.ruleId === rule);
const replace = (from: string, to: string) => GOOD.replace(from, to);

describe('Dockerfile rules', () => {
  it('passes the course Dockerfile with no diagnostics', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it('docker/pinned-base: an untagged or latest image, on its FROM line; digests and stages pass', () => {
    const [untagged] = only(replace('python:3.11-slim', 'python'), 'docker/pinned-base');
    expect(untagged).toMatchObject({ line: 1, column: 1, severity: 'warning' });
    expect(untagged!.message).toContain('FROM python has no tag');
    expect(
      only(replace('python:3.11-slim', 'python:latest'), 'docker/pinned-base')[0]!.message,
    ).toContain('"latest"');
    expect(
      only(replace('python:3.11-slim', 'python@sha256:' + 'a'.repeat(64)), 'docker/pinned-base'),
    ).toEqual([]);
    const multi = `FROM node:20-slim AS build\nRUN echo\n${GOOD.replace('FROM python:3.11-slim', 'FROM build')}`;
    expect(only(multi, 'docker/pinned-base')).toEqual([]);
  });

  it('docker/deps-before-code: COPY . before pip install, at the COPY line', () => {
    const bad = replace(
      'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .',
      'COPY . .\nRUN pip install --no-cache-dir -r requirements.txt',
    );
    const [d] = only(bad, 'docker/deps-before-code');
    expect(d).toMatchObject({ line: 3, column: 1 });
    expect(d!.message).toContain('line 4');
    expect(d!.message).toContain('COPY requirements.txt .');
  });

  it('docker/non-root-user: no USER, or USER root, in the final stage', () => {
    const none = only(replace('USER app\n', ''), 'docker/non-root-user');
    expect(none).toHaveLength(1);
    expect(none[0]!.line).toBe(1);
    expect(only(replace('USER app', 'USER root'), 'docker/non-root-user')[0]!.line).toBe(7);
    expect(only(replace('USER app', 'USER 0:0'), 'docker/non-root-user')).toHaveLength(1);
  });

  it('docker/expose-port: EXPOSE must match the course port 8000 or the compose port', () => {
    expect(only(replace('EXPOSE 8000', 'EXPOSE 5000'), 'docker/expose-port')[0]).toMatchObject({
      line: 8,
    });
    expect(only(replace('EXPOSE 8000\n', ''), 'docker/expose-port')[0]!.message).toContain(
      'No EXPOSE',
    );
    const composed = lint(GOOD, 8080).filter((d) => d.ruleId === 'docker/expose-port');
    expect(composed[0]!.message).toContain('compose.yaml service "api"');
    expect(
      lint(replace('EXPOSE 8000', 'EXPOSE 8080/tcp'), 8080).filter(
        (d) => d.ruleId === 'docker/expose-port',
      ),
    ).toEqual([]);
  });

  it('docker/healthcheck: missing or NONE', () => {
    expect(only(replace(/HEALTHCHECK.*\n/.exec(GOOD)![0], ''), 'docker/healthcheck')).toHaveLength(
      1,
    );
    expect(
      only(
        replace(/HEALTHCHECK.*\n/.exec(GOOD)![0], 'HEALTHCHECK NONE\n'),
        'docker/healthcheck',
      )[0]!.line,
    ).toBe(9);
  });

  it('docker/unknown-instruction and docker/no-from are errors at their place', () => {
    const [unknown] = only(`${GOOD}\nRUNN echo`, 'docker/unknown-instruction');
    expect(unknown).toMatchObject({ line: 11, severity: 'error' });
    expect(only('# nothing\n', 'docker/no-from')).toHaveLength(1);
  });

  it('a continued RUN keeps later line numbers right', () => {
    const text = replace(
      'RUN pip install --no-cache-dir -r requirements.txt',
      'RUN pip install \\\n    --no-cache-dir \\\n    -r requirements.txt',
    );
    expect(only(text.replace('EXPOSE 8000', 'EXPOSE 1'), 'docker/expose-port')[0]!.line).toBe(10);
  });

  it('every message says what the Labbook does instead', () => {
    for (const d of lint('FROM python\nCOPY . .\nRUN pip install x\n'))
      expect(d.message).toContain('In the Labbook:');
  });
});
