import { loadLabNamespaces } from '../../../src/lib/lab/namespaces';

// Tests call createLab() directly, where no cell names a namespace for the kernel to load first.
await loadLabNamespaces('all');

// The Node lab services live beside the lesson runner, which uses them outside the tests too.
export { useNodeServices } from '../../../scripts/lesson-runner/node-services';
