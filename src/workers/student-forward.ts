import {
  STUDENT_API_REQUEST,
  type StudentAnswer,
  type StudentCall,
  type StudentHost,
  type StudentReply,
} from '../lib/serving/student/protocol';
import { STUDENT_HANDLER_LIMIT_MS } from '../lib/serving/student/supervise';
import { ServingError } from '../lib/serving/errors';

/** A page the service worker controls, as far as forwarding needs one (a WindowClient). */
export interface ForwardPage {
  focused?: boolean;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

export interface ForwardOptions {
  /** How long a page has to say it took the request (an old page without the listener never does). */
  ackMs?: number;
  /** How long a page has to answer once it took it: past its own watchdog, which answers first. */
  answerMs?: number;
}

/** One page asked: its answer, or null when it did not take the request in time. */
function ask(page: ForwardPage, project: string, call: StudentCall, o: Required<ForwardOptions>) {
  return new Promise<StudentAnswer | null>((resolve) => {
    const channel = new MessageChannel();
    let timer = setTimeout(() => done(null), o.ackMs);
    const done = (answer: StudentAnswer | null) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(answer);
    };
    channel.port1.onmessage = (event: MessageEvent<StudentReply>) => {
      if (event.data?.type === 'accepted') {
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            done({
              status: 504,
              body: {
                detail: `Gateway Timeout: the page running project "${project}"'s API did not answer within ${o.answerMs} ms.`,
              },
              error: 'the hosting page did not answer',
            }),
          o.answerMs,
        );
      } else if (event.data?.type === 'answer') done(event.data.answer);
    };
    try {
      page.postMessage({ type: STUDENT_API_REQUEST, project, call }, [channel.port2]);
    } catch {
      done(null);
    }
  });
}

/**
 * The service worker's student host: student code never runs in the service worker (a loop
 * there would hang every request of the site), so each request goes to an open Labbook page —
 * the focused one first — whose worker runs it under a watchdog. With no page to take it, the
 * router answers 503 saying to open one.
 */
export function forwardToPages(
  pages: () => Promise<readonly ForwardPage[]>,
  options: ForwardOptions = {},
): StudentHost {
  const o = { ackMs: 1000, answerMs: STUDENT_HANDLER_LIMIT_MS + 2000, ...options };
  return async (project, call) => {
    const open = [...(await pages())].sort(
      (a, b) => Number(b.focused ?? false) - Number(a.focused ?? false),
    );
    for (const page of open) {
      const answer = await ask(page, project, call, o);
      if (answer) return answer;
    }
    throw new ServingError(
      'unknown-endpoint',
      open.length
        ? `${open.length} page(s) open, none took the request: reload the Labbook page`
        : 'no page is open',
    );
  };
}
