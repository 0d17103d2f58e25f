export {
  type ConsoleOptions,
  DEFAULT_CONSOLE_OPTIONS,
  MIN_ACCESS_TOKEN_LENGTH,
  type ResolvedConsoleOptions,
  resolveConsoleOptions,
} from './ConsoleOptions.js';
export { type ConsoleHandler, createConsole } from './createConsole.js';
// The keys page's KMS cost computation, shared with the EMR demo's summary so both agree.
export { type KmsActivity, type KmsCostResource, kmsActivity } from './data/kmsActivity.js';
export { listQueueRows, type QueueRow, type SseSetting } from './data/queueOverview.js';
export {
  type DeliveryFilter,
  type DeliveryReader,
  type ListedDelivery,
  listRecordedDeliveries,
  type RegionBroker,
  type RegionBrokerList,
  type WithheldBody,
} from './data/recordedDeliveries.js';
export { listTopicRows, type SubscriptionRow, type TopicRow } from './data/topicOverview.js';
export { type ListeningHttpServer, listenHttpServer } from './http/listenHttpServer.js';
export { isLoopbackHost } from './http/loopback.js';
export {
  type ConsoleServer,
  type ConsoleServerOptions,
  DEFAULT_CONSOLE_HOST,
  DEFAULT_CONSOLE_PORT,
  startConsoleServer,
} from './startConsoleServer.js';
