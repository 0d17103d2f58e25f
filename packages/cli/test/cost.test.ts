import { describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.js';

describe('sealbus cost', () => {
  it('reproduces the SNS documentation example B=2,678,400 D=300 P=1 -> 17,856 requests', async () => {
    const result = await runCli([
      'cost',
      '--service',
      'sns',
      '--billing-seconds',
      '2,678,400',
      '--reuse-period',
      '300',
      '--principals',
      '1',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('requests: 17,856');
  });

  it('reproduces B=2,419,200 D=300 P=3,5 -> 129,024 requests, one term per topic, as JSON', async () => {
    const result = await runCli([
      'cost',
      '--service=sns',
      '--billing-seconds=2419200',
      '--reuse-period=300',
      '--principals=3,5',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const estimate = JSON.parse(result.stdout);
    expect(estimate.requests).toBe(129_024);
    expect(estimate.terms.map((t: { requests: number }) => t.requests)).toEqual([48_384, 80_640]);
    expect(estimate.cost).toBeCloseTo(0.387072, 6);
  });

  it('adds one Decrypt per consumer per period on SQS and prices at --price-per-10k', async () => {
    const result = await runCli([
      'cost',
      '--service',
      'sqs',
      '--billing-seconds',
      '86400',
      '--reuse-period',
      '300',
      '--principals',
      '2',
      '--consumers',
      '3',
      '--price-per-10k',
      '1',
      '--json',
    ]);
    const estimate = JSON.parse(result.stdout);
    expect(estimate.requests).toBe(288 * (2 * 2 + 3));
    expect(estimate.cost).toBeCloseTo(2016 / 10_000, 9);
  });

  it('refuses --consumers on SNS with one line naming the field and exit 1', async () => {
    const result = await runCli([
      'cost',
      '--service',
      'sns',
      '--billing-seconds',
      '60',
      '--reuse-period',
      '60',
      '--principals',
      '1',
      '--consumers',
      '1',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/^sealbus: InvalidParameterValue: consumers applies to SQS only/);
    expect(result.stderr).toMatch(/\n {2}fix: change the value the message names/);
  });

  it('reports a missing required option as a usage error, exit 2', async () => {
    const result = await runCli(['cost', '--service', 'sqs']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^sealbus: UsageError: required option '--billing-seconds <B>' not specified/,
    );
  });
});
