export { type Backend, openBackend } from './backends.js';
export { type EmrConfig, parseConfig, UsageError, usage } from './config.js';
export {
  formatProgress,
  formatPurge,
  formatSummary,
  MAX_LINE_WIDTH,
} from './report/printSummary.js';
export { KeyAdmin, type KmsRequestCount } from './scenario/KeyAdmin.js';
export {
  deadLetterQueueName,
  INTEGRATIONS,
  type Integration,
  MAX_RECEIVE_COUNT,
  PRODUCER_PRINCIPAL,
  REUSE_PERIOD_SECONDS,
  TOPIC_KEY_ALIAS,
  TOPIC_NAME,
} from './scenario/names.js';
export {
  type QueueSummary,
  runScenario,
  type ScenarioOptions,
  type ScenarioProgress,
  type ScenarioSummary,
} from './scenario/runScenario.js';
export { setUpTopology, type Topology } from './scenario/topology.js';
