import { expose } from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { WorkerConnection } from '../../../src/bridges/worker-connection';

interface Api {
  init(): void;
  echo(value: string): Promise<string>;
  never(): Promise<string>;
}

/** Workers as the connection sees them: a comlink endpoint that can crash and be terminated. */
function fakeWorkers() {
  const started: { crash(message: string): void; terminated: boolean }[] = [];
  const create = () => {
    const { port1, port2 } = new MessageChannel();
    const api: Api = {
      init() {},
      echo: async (value) => value,
      never: () => new Promise(() => {}),
    };
    expose(api, port2 as never);
    const handle = {
      terminated: false,
      crash: (message: string) =>
        port1.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message })),
    };
    started.push(handle);
    return Object.assign(port1, {
      terminate() {
        handle.terminated = true;
        port1.close();
        port2.close();
      },
    }) as unknown as Worker;
  };
  return { started, create };
}

it('starts the worker on the first call and keeps it for the next', async () => {
  const workers = fakeWorkers();
  const connection = new WorkerConnection<Api>({
    create: workers.create,
    init: (api) => void api.init(),
    crashMessage: (detail) => `crashed: ${detail}`,
  });
  expect(await connection.call((api) => api.echo('a'))).toBe('a');
  expect(await connection.call((api) => api.echo('b'))).toBe('b');
  expect(workers.started).toHaveLength(1);
  connection.stop(new Error('done'));
});

it('rejects running calls when the worker crashes, and starts a fresh one on the next call', async () => {
  const workers = fakeWorkers();
  const connection = new WorkerConnection<Api>({
    create: workers.create,
    init: (api) => void api.init(),
    crashMessage: (detail) => `The test worker crashed (${detail}).`,
  });
  const waiting = connection.call((api) => api.never());
  workers.started[0]!.crash('out of memory');
  await expect(waiting).rejects.toThrow('The test worker crashed (out of memory).');
  expect(workers.started[0]!.terminated).toBe(true);
  expect(await connection.call((api) => api.echo('again'))).toBe('again');
  expect(workers.started).toHaveLength(2);
  connection.stop(new Error('done'));
});

it('shuts an idle worker down, and only when no call is running', async () => {
  const workers = fakeWorkers();
  const connection = new WorkerConnection<Api>({
    create: workers.create,
    init: (api) => void api.init(),
    crashMessage: (detail) => detail,
    idleMs: 20,
  });
  const waiting = connection.call((api) => api.never());
  await connection.call((api) => api.echo('x'));
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(workers.started[0]!.terminated).toBe(false);
  connection.stop(new Error('stopped on purpose'));
  await expect(waiting).rejects.toThrow('stopped on purpose');

  await connection.call((api) => api.echo('y'));
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(workers.started[1]!.terminated).toBe(true);
});

it('ends the worker when a call is aborted, rejecting with the reason, and starts afresh', async () => {
  const workers = fakeWorkers();
  const connection = new WorkerConnection<Api>({
    create: workers.create,
    init: (api) => void api.init(),
    crashMessage: (detail) => detail,
  });
  const controller = new AbortController();
  const waiting = connection.call((api) => api.never(), controller.signal);
  controller.abort(new Error('cancelled by the student'));
  await expect(waiting).rejects.toThrow('cancelled by the student');
  expect(workers.started[0]!.terminated).toBe(true);
  // Already aborted: refused without starting a worker.
  await expect(connection.call((api) => api.echo('z'), controller.signal)).rejects.toThrow(
    'cancelled by the student',
  );
  expect(workers.started).toHaveLength(1);
  // A signal aborted after its call ended ends nothing.
  const late = new AbortController();
  expect(await connection.call((api) => api.echo('w'), late.signal)).toBe('w');
  late.abort();
  expect(workers.started[1]!.terminated).toBe(false);
  connection.stop(new Error('done'));
});

it('tells its owner busy, idle and dead, and a crash with the owner’s own error', async () => {
  class Crashed extends Error {}
  const workers = fakeWorkers();
  const statuses: string[] = [];
  let crashes = 0;
  const connection = new WorkerConnection<Api>({
    create: workers.create,
    init: (api) => void api.init(),
    crashMessage: (detail) => new Crashed(`kernel crashed: ${detail}`),
    onStatus: (status) => statuses.push(status),
    onCrash: () => crashes++,
  });
  await connection.call((api) => api.echo('a'));
  const waiting = connection.call((api) => api.never());
  workers.started[0]!.crash('');
  await expect(waiting).rejects.toBeInstanceOf(Crashed);
  await expect(waiting).rejects.toThrow('kernel crashed: probably out of memory');
  expect(statuses).toEqual(['busy', 'idle', 'busy', 'dead']);
  expect(crashes).toBe(1);
});
