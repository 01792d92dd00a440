import { describe, expect, it } from 'vitest';
import type { StudentAnswer, StudentCall } from '../../../../src/lib/serving/student/protocol';
import {
  StudentSupervisor,
  type StudentSession,
} from '../../../../src/lib/serving/student/supervise';

const call = (path: string): StudentCall => ({
  method: 'POST',
  path,
  query: {},
  body: {},
  serverUrl: '',
});

/** Sessions that answer at once, never (a loop), or crash, by path; each counts its terminations. */
function sessions() {
  const started: { terminated: boolean }[] = [];
  const start = (): StudentSession => {
    const self = { terminated: false };
    started.push(self);
    const pending = new Set<(error: Error) => void>();
    return {
      handle: (c) =>
        new Promise<StudentAnswer>((resolve, reject) => {
          if (c.path === 'ok') resolve({ status: 200, body: { ok: true } });
          else if (c.path === 'crash') reject(new Error('out of memory'));
          else pending.add(reject); // loops: only terminate() ends it
        }),
      terminate: () => {
        self.terminated = true;
        for (const reject of pending) reject(new Error('terminated'));
      },
    };
  };
  return { start, started };
}

describe('the student API watchdog', () => {
  it('answers a handler that overruns its limit with 504, stops its worker, and the next request gets a fresh one', async () => {
    const { start, started } = sessions();
    const supervisor = new StudentSupervisor(start, 30);
    const t0 = performance.now();
    const stuck = await supervisor.handle(call('loop'));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(stuck.status).toBe(504);
    expect((stuck.body as { detail: string }).detail).toContain(
      'the handler of POST /loop did not answer within 30 ms',
    );
    expect(stuck.error).toBeDefined();
    expect(started).toEqual([{ terminated: true }]);
    expect((await supervisor.handle(call('ok'))).status).toBe(200);
    expect(started).toHaveLength(2);
    expect(started[1]!.terminated).toBe(false);
  });

  it('answers requests stopped with the looping one 503, and a crashed worker 500, then recovers', async () => {
    const { start, started } = sessions();
    const supervisor = new StudentSupervisor(start, 30);
    const late = new Promise<StudentAnswer>((resolve) =>
      setTimeout(() => resolve(supervisor.handle(call('slow'))), 10),
    );
    const [stuck, companion] = await Promise.all([supervisor.handle(call('loop')), late]);
    expect(stuck.status).toBe(504);
    expect(companion.status).toBe(503);
    expect((companion.body as { detail: string }).detail).toContain('was stopped with its worker');
    const crashed = await supervisor.handle(call('crash'));
    expect(crashed.status).toBe(500);
    expect((crashed.body as { detail: string }).detail).toContain(
      'ended while answering POST /crash (out of memory)',
    );
    expect((await supervisor.handle(call('ok'))).status).toBe(200);
    expect(started.length).toBe(3);
  });
});
