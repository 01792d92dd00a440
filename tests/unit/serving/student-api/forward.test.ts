import { describe, expect, it } from 'vitest';
import { readRequestMessage, type StudentCall } from '../../../../src/lib/serving/student/protocol';
import { forwardToPages, type ForwardPage } from '../../../../src/workers/student-forward';

const call: StudentCall = {
  method: 'GET',
  path: 'health',
  query: {},
  body: undefined,
  serverUrl: '/api',
};

/** A page that takes requests and answers with its name, as hostStudentApis does. */
const answering = (name: string, focused = false): ForwardPage => ({
  focused,
  postMessage(message, [port]) {
    const request = readRequestMessage(message)!;
    const reply = port as MessagePort;
    reply.postMessage({ type: 'accepted' });
    reply.postMessage({
      type: 'answer',
      answer: { status: 200, body: { by: name, project: request.project } },
    });
  },
});
/** A page that never listens (an old version of the Labbook, or one still loading). */
const deaf: ForwardPage = { postMessage() {} };

describe('the service worker forwarding api/student/… to a page', () => {
  it('asks the focused page first, and skips a page that never takes the request', async () => {
    const host = forwardToPages(async () => [deaf, answering('back'), answering('front', true)], {
      ackMs: 20,
    });
    expect(await host('toy', call)).toEqual({ status: 200, body: { by: 'front', project: 'toy' } });
    const skipping = forwardToPages(async () => [deaf, answering('second')], { ackMs: 20 });
    expect((await skipping('toy', call)).body).toEqual({ by: 'second', project: 'toy' });
  });

  it('throws (the router answers 503) when no page takes it, and 504 when the page that took it goes quiet', async () => {
    await expect(forwardToPages(async () => [], { ackMs: 20 })('toy', call)).rejects.toThrow(
      'no page is open',
    );
    await expect(forwardToPages(async () => [deaf], { ackMs: 20 })('toy', call)).rejects.toThrow(
      'none took the request',
    );
    const quiet: ForwardPage = {
      postMessage: (_, [port]) => (port as MessagePort).postMessage({ type: 'accepted' }),
    };
    const answer = await forwardToPages(async () => [quiet], { ackMs: 20, answerMs: 30 })(
      'toy',
      call,
    );
    expect(answer.status).toBe(504);
  });

  it('refuses a request message that is not one (the page checks what crosses to it)', () => {
    expect(readRequestMessage({ type: 'STUDENT_API_REQUEST', project: '../x', call })).toBeNull();
    expect(
      readRequestMessage({ type: 'STUDENT_API_REQUEST', project: 'x', call: { method: 1 } }),
    ).toBeNull();
    expect(readRequestMessage(null)).toBeNull();
  });
});
