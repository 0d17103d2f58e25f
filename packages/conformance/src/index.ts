export { assertAllReceived, type SentMessage } from './assertAllReceived.js';
export { ALL_FEATURES, type BrokerFeatures, type FeatureName } from './BrokerFeatures.js';
export { ConformanceCase, containsText } from './ConformanceCase.js';
export type {
  ConformanceHarness,
  ConformanceKeyAdmin,
  MakeHarness,
} from './ConformanceHarness.js';
export { type LocalKmsAdministration, localKmsKeyAdmin } from './localKmsKeyAdmin.js';
export { ManualClock } from './ManualClock.js';
export {
  type CaseBody,
  type ConformanceCaseInfo,
  type DefineCase,
  listConformanceCases,
  runConformance,
} from './runConformance.js';
export {
  type DefineStoreCase,
  type MakeStore,
  runStoreConformance,
  type StoreCaseBody,
  type StoreFeatures,
  type StoreUnderTest,
} from './store/runStoreConformance.js';
export { ok as storeOk, StoreFixture } from './store/StoreFixture.js';
export { withDenyStatement } from './withDenyStatement.js';
