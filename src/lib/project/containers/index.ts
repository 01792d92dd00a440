export { CONTAINER_RULES, COURSE_API_PORT, INSTRUCTION_IN_LABBOOK } from './rules';
export type { ContainerRule, ContainerRuleId } from './rules';
export { parseDockerfile, DOCKER_KEYWORDS, type DockerInstruction } from './dockerfile';
export { parseCompose, apiPortFrom, MAX_COMPOSE_ALIASES } from './compose';
export type { ComposeService, ParsedCompose } from './compose';
export { lintDockerfile } from './lint-dockerfile';
export {
  lintContainerFile,
  containerKindOf,
  explainDockerfile,
  MAX_CONTAINER_CHARS,
  type ContainerKind,
} from './lint-containers';
