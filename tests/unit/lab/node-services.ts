// The Node lab services live beside the lesson runner, which uses them outside the tests too.
export { useNodeServices } from '../../../scripts/lesson-runner/node-services';
