import './buffer-global';
import { expose } from 'comlink';
import { createCiService, type CiService } from '../lib/ci/ci-service';
import { filesAtCommit, headOf, tipOf } from '../lib/ci/commit-files';
import { recordPush, remoteHas } from '../lib/ci/remote';
import { CiError } from '../lib/ci/errors';
import { readWorkflows } from '../lib/ci/triggers';
import type { ProtectionRules } from '../lib/ci/protection';
import { openRepo } from '../lib/project/git/repo';
import { settleCi as settle } from '../lib/ci/settled';
import { ModelRegistry } from '../lib/registry/registry';
import { DeploymentControl } from '../lib/serving/control';
import { dexieCiRunPort } from '../lib/store/ci-port';
import { openStore } from '../lib/store/open';
import { dexieProjectPort } from '../lib/store/project-port';
import { createWorkerServices } from './worker-services';
import { ProjectTestBridge } from '../bridges/project-test-bridge';

// Workflow runs (lint, tests, pipelines, model tests) run here, never on the page's thread.
let service: Promise<CiService> | undefined;
let projects: Promise<ReturnType<typeof dexieProjectPort>> | undefined;

async function ci(): Promise<CiService> {
  if (!service) throw new CiError('no-workflow', 'The CI worker was not initialised.');
  return service;
}

async function head(projectId: string) {
  const found = await headOf(openRepo(await projects!, projectId));
  if (!found)
    throw new CiError('no-workflow', 'The project has no commit on a branch yet: commit first.');
  return found;
}

/** Runs are started here and keep going after the call answers; the page polls `runs`. */
const started = (s: { runs: { id: string }[]; problems: unknown[] }) => ({
  runIds: s.runs.map((r) => r.id),
  problems: s.problems,
});

const api = {
  init(siteUrl: string): void {
    if (service) return;
    const db = openStore();
    projects = db.then(dexieProjectPort);
    service = Promise.all([db, createWorkerServices(siteUrl)]).then(([store, s]) => {
      const registry = new ModelRegistry(s.registry, s.tracking);
      return createCiService({
        port: dexieCiRunPort(store),
        filesAt: (projectId, sha) =>
          filesAtCommit(openRepo(dexieProjectPort(store), projectId), sha),
        // The same remote lab.ci.push reaches: a commit pushed from either is up to date in both.
        remote: {
          has: (projectId, branch, sha) =>
            remoteHas(openRepo(dexieProjectPort(store), projectId), branch, sha),
          record: (projectId, branch, sha) =>
            recordPush(openRepo(dexieProjectPort(store), projectId), branch, sha),
        },
        services: {
          // Tests in a watched worker of their own, as the Tests panel runs them; the step's
          // limit or a cancel terminates it.
          runTests: (files, options, signal) => {
            const bridge = new ProjectTestBridge();
            signal.addEventListener('abort', () => bridge.cancel(), { once: true });
            return bridge.run(files, options);
          },
          registry,
          pipeline: {
            catalog: s.catalog,
            tracking: s.tracking,
            registry: s.registry,
            fitMlp: s.fitMlp,
            ...(s.fitGbdt ? { fitGbdt: s.fitGbdt } : {}),
          },
          serving: new DeploymentControl({ port: s.serving, registry }),
        },
      });
    });
  },
  /** A commit on HEAD's branch: what the Git panel and lab.ci.push send. */
  push: (projectId: string) =>
    settle(async () => {
      const at = await head(projectId);
      return started(await (await ci()).push(projectId, at.branch, at.sha));
    }),
  /** A merge request from the Git panel: `head` into `base`, at head's latest commit. */
  mergeRequest: (projectId: string, base: string, head: string) =>
    settle(async () => {
      const sha = await tipOf(openRepo(await projects!, projectId), head);
      return started(await (await ci()).mergeRequest(projectId, base, head, sha));
    }),
  dispatch: (projectId: string, workflow: string, inputs: Record<string, string>) =>
    settle(async () =>
      started(await (await ci()).dispatch(projectId, workflow, await head(projectId), inputs)),
    ),
  alert: (projectId: string, type: string, payload: Record<string, string>) =>
    settle(async () =>
      started(await (await ci()).alert(projectId, type, await head(projectId), payload)),
    ),
  advanceClock: (projectId: string, ms: number) =>
    settle(async () => {
      const result = await (await ci()).advanceClock(projectId, ms, await head(projectId));
      return { clock: result.clock, ...started(result) };
    }),
  cancel: (runId: string) => settle(async () => (await ci()).cancel(runId)),
  rerun: (runId: string) => settle(async () => started(await (await ci()).rerun(runId))),
  wait: (runId: string) => settle(async () => (await ci()).wait(runId)),
  /** The workflows at HEAD (name, file, whether it can be run by hand) and the files' problems. */
  workflows: (projectId: string) =>
    settle(async () => {
      const at = await headOf(openRepo(await projects!, projectId));
      if (!at) return { workflows: [], problems: [] };
      const { workflows, problems } = readWorkflows(
        await filesAtCommit(openRepo(await projects!, projectId), at.sha),
      );
      return {
        workflows: workflows.map((w) => ({
          name: w.name,
          file: w.file,
          dispatch: 'workflow_dispatch' in w.on,
        })),
        problems,
      };
    }),
  runs: (projectId: string) => settle(async () => (await ci()).runs(projectId)),
  protection: (projectId: string) => settle(async () => (await ci()).protection(projectId)),
  setProtection: (projectId: string, rules: ProtectionRules) =>
    settle(async () => (await ci()).setProtection(projectId, rules)),
};

expose(api);
export type CiApi = typeof api;
