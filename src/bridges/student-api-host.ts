import { fail } from '../lib/serving/http';
import {
  readRequestMessage,
  type StudentAnswer,
  type StudentCall,
  type StudentReply,
} from '../lib/serving/student/protocol';
import { StudentApiBridge } from './student-api-bridge';

let bridge: StudentApiBridge | undefined;

/** The page's one owner of students' API workers (started on the first request). */
export function studentApis(): StudentApiBridge {
  return (bridge ??= new StudentApiBridge());
}

/** A project's request run by this page's workers: what the in-page serving worker calls back. */
export function runStudentRequest(project: string, call: StudentCall): Promise<StudentAnswer> {
  return studentApis().handle(project, call);
}

/**
 * Lets this page host students' APIs for the service worker: it forwards each
 * `api/student/<project>/…` request here (student code never runs in the service worker), the
 * page says it took it, and answers once its worker has (or its watchdog has stopped it).
 */
export function hostStudentApis(): () => void {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!container) return () => {};
  const listener = (event: MessageEvent) => {
    const message = readRequestMessage(event.data);
    const port = event.ports[0];
    if (!message || !port) return;
    const reply = (data: StudentReply) => port.postMessage(data);
    reply({ type: 'accepted' });
    runStudentRequest(message.project, message.call).then(
      (answer) => reply({ type: 'answer', answer }),
      (error: unknown) =>
        reply({
          type: 'answer',
          answer: {
            ...(fail(
              500,
              `Internal Server Error: ${(error as Error)?.message ?? String(error)}`,
            ) as StudentAnswer),
          },
        }),
    );
  };
  container.addEventListener('message', listener);
  container.startMessages();
  return () => container.removeEventListener('message', listener);
}
