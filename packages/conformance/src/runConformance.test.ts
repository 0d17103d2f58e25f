import { describe, expect, it } from 'vitest';
import { ALL_FEATURES, type FeatureName } from './BrokerFeatures.js';
import { listConformanceCases } from './runConformance.js';

describe('the conformance suite', () => {
  const cases = listConformanceCases();

  it('guards cases with every feature flag', () => {
    for (const feature of Object.keys(ALL_FEATURES) as FeatureName[]) {
      expect(
        cases.filter((c) => c.flags.includes(feature)).length,
        `cases needing ${feature}`,
      ).toBeGreaterThan(0);
    }
  });

  it('has cases every backend runs, and unique titles per section', () => {
    expect(cases.filter((c) => c.flags.length === 0).length).toBeGreaterThanOrEqual(20);
    const titles = cases.map((c) => `${c.section} / ${c.title}`);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
