import { describe, it, onTestFinished } from 'vitest';
import type { BrokerFeatures, FeatureName } from './BrokerFeatures.js';
import { ConformanceCase } from './ConformanceCase.js';
import type { MakeHarness } from './ConformanceHarness.js';
import { fifoCases } from './cases/fifo.js';
import { lifecycleCases } from './cases/lifecycle.js';
import { moveTaskCases } from './cases/moveTasks.js';
import { multiProcessCases } from './cases/multiProcess.js';
import { optionKeyCases } from './cases/optionKeys.js';
import { redriveCases } from './cases/redrive.js';
import { seedScenarioCases } from './cases/seedScenario.js';
import { smsCases } from './cases/sms.js';
import { snsSubscriptionCases } from './cases/snsSubscriptions.js';
import { sseCases } from './cases/sse.js';
import { standardQueueCases } from './cases/standardQueues.js';
import { topicCases } from './cases/topics.js';
import { visibilityCases } from './cases/visibility.js';
import { ManualClock } from './ManualClock.js';

export type CaseBody = (c: ConformanceCase) => Promise<void>;

/** Declares one case that needs `flags`; without them it is skipped and its title says why. */
export type DefineCase = (title: string, flags: readonly FeatureName[], body: CaseBody) => void;

/** The suite's sections, in order; each declares its cases through a `DefineCase`. */
const SECTIONS: ReadonlyArray<readonly [string, (test: DefineCase) => void]> = [
  ['standard queues', standardQueueCases],
  ['option keys', optionKeyCases],
  ['visibility, delays and retention', visibilityCases],
  ['FIFO', fifoCases],
  ['redrive', redriveCases],
  ['message move tasks', moveTaskCases],
  ['server-side encryption', sseCases],
  ['topics', topicCases],
  ['SNS subscriptions, tags and permissions', snsSubscriptionCases],
  ['SNS SMS: attributes, opt-out list, Publish to a phone number', smsCases],
  ['seed scenario: Patient-Records fanout', seedScenarioCases],
  ['several processes and restarts', multiProcessCases],
  ['lifecycle', lifecycleCases],
];

export interface ConformanceCaseInfo {
  section: string;
  title: string;
  flags: readonly FeatureName[];
}

/** Every case of the suite with the features it needs, without running anything. */
export function listConformanceCases(): ConformanceCaseInfo[] {
  const cases: ConformanceCaseInfo[] = [];
  for (const [section, declare] of SECTIONS) {
    declare((title, flags) => cases.push({ section, title, flags }));
  }
  return cases;
}

/**
 * The sealbus behaviour suite. Call it from a backend's `test/conformance.test.ts` with a
 * factory that builds a fresh harness per case and the backend's feature flags.
 */
export function runConformance(
  name: string,
  makeHarness: MakeHarness,
  features: BrokerFeatures,
): void {
  const define: DefineCase = (title, flags, body) => {
    const missing = flags.filter((flag) => !features[flag]);
    const fullTitle =
      missing.length === 0 ? title : `${title} (skipped: backend lacks ${missing.join(', ')})`;
    it.skipIf(missing.length > 0)(fullTitle, async () => {
      const clock = new ManualClock();
      const harness = await makeHarness({ clock });
      onTestFinished(() => harness.close());
      await body(new ConformanceCase(harness, clock, features));
    });
  };
  describe(`${name}: sealbus conformance`, () => {
    for (const [section, declare] of SECTIONS) describe(section, () => declare(define));
  });
}
