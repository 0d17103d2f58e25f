import {
  describeValue,
  type HealthyRetryPolicy,
  InvalidParameterError,
  type SubscriptionDeliveryPolicy,
} from '@sealbus/core';

/** SNS's http/https default: 3 retries, 20 seconds apart. */
export const DEFAULT_HEALTHY_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numMaxDelayRetries: 0,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  backoffFunction: 'linear',
};

/** "The total policy retry time for an HTTP/S endpoint cannot be greater than 3,600 seconds." */
export const MAX_TOTAL_RETRY_SECONDS = 3600;
const MAX_RETRIES = 100;
const BACKOFF_FUNCTIONS = ['arithmetic', 'exponential', 'geometric', 'linear'] as const;
const COUNTS = ['numRetries', 'numNoDelayRetries', 'numMinDelayRetries', 'numMaxDelayRetries'];

/** The `EffectiveDeliveryPolicy` SNS reports on topics (and on http/https subscriptions). */
export function effectiveTopicDeliveryPolicy(): string {
  return JSON.stringify({
    http: {
      defaultHealthyRetryPolicy: DEFAULT_HEALTHY_RETRY_POLICY,
      disableSubscriptionOverrides: false,
      defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
    },
  });
}

/** A subscription's effective policy: its own settings over the defaults. */
export function effectiveRetryPolicy(policy: SubscriptionDeliveryPolicy | undefined) {
  return { ...DEFAULT_HEALTHY_RETRY_POLICY, ...policy?.healthyRetryPolicy };
}

export function effectiveSubscriptionDeliveryPolicy(
  policy: SubscriptionDeliveryPolicy | undefined,
): string {
  return JSON.stringify({
    healthyRetryPolicy: effectiveRetryPolicy(policy),
    ...(policy?.throttlePolicy === undefined ? {} : { throttlePolicy: policy.throttlePolicy }),
    requestPolicy: {
      headerContentType: policy?.requestPolicy?.headerContentType ?? 'text/plain; charset=UTF-8',
    },
  });
}

/**
 * Validates a subscription `DeliveryPolicy` (object or JSON) against the limits of the SNS
 * developer guide ("Creating an HTTP/S delivery policy"); every failure is `InvalidParameter`
 * naming the field, limit and value.
 */
export function resolveDeliveryPolicy(input: unknown): SubscriptionDeliveryPolicy {
  const policy = typeof input === 'string' ? parseJson(input) : input;
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    throw invalid('DeliveryPolicy must be a JSON object');
  }
  const { healthyRetryPolicy, throttlePolicy, requestPolicy, ...unknown } =
    policy as SubscriptionDeliveryPolicy;
  const extra = Object.keys(unknown);
  if (extra.length > 0) {
    throw invalid(
      `unknown DeliveryPolicy key ${describeValue(extra[0])}; use healthyRetryPolicy, throttlePolicy, requestPolicy`,
    );
  }
  const resolved: SubscriptionDeliveryPolicy = {};
  if (healthyRetryPolicy !== undefined) {
    resolved.healthyRetryPolicy = resolveRetryPolicy(healthyRetryPolicy);
  }
  if (throttlePolicy !== undefined) {
    const rate = throttlePolicy.maxReceivesPerSecond;
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1)) {
      throw invalid(
        `throttlePolicy.maxReceivesPerSecond must be an integer of at least 1; got ${describeValue(rate)}`,
      );
    }
    resolved.throttlePolicy = { ...throttlePolicy };
  }
  if (requestPolicy !== undefined) {
    const type = requestPolicy.headerContentType;
    if (type !== undefined && typeof type !== 'string') {
      throw invalid(`requestPolicy.headerContentType must be a string; got ${describeValue(type)}`);
    }
    resolved.requestPolicy = { ...requestPolicy };
  }
  return resolved;
}

function resolveRetryPolicy(input: Partial<HealthyRetryPolicy>): Partial<HealthyRetryPolicy> {
  if (typeof input !== 'object' || input === null) {
    throw invalid('healthyRetryPolicy must be a JSON object');
  }
  for (const name of [...COUNTS, 'minDelayTarget', 'maxDelayTarget']) {
    const value = (input as Record<string, unknown>)[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      throw invalid(`${name} must be a non-negative integer; got ${describeValue(value)}`);
    }
  }
  const policy = { ...DEFAULT_HEALTHY_RETRY_POLICY, ...input };
  if (!(BACKOFF_FUNCTIONS as readonly string[]).includes(policy.backoffFunction)) {
    throw invalid(
      `backoffFunction must be one of ${BACKOFF_FUNCTIONS.join(', ')}; got ${describeValue(policy.backoffFunction)}`,
    );
  }
  if (policy.numRetries > MAX_RETRIES) {
    throw invalid(`numRetries must be at most ${MAX_RETRIES}; got ${policy.numRetries}`);
  }
  if (policy.minDelayTarget < 1) {
    throw invalid(`minDelayTarget must be at least 1; got ${policy.minDelayTarget}`);
  }
  if (policy.maxDelayTarget < policy.minDelayTarget) {
    throw invalid(
      `maxDelayTarget must be at least minDelayTarget (${policy.minDelayTarget}); got ${policy.maxDelayTarget}`,
    );
  }
  const phased = policy.numNoDelayRetries + policy.numMinDelayRetries + policy.numMaxDelayRetries;
  if (phased > policy.numRetries) {
    throw invalid(
      `numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must be at most numRetries (${policy.numRetries}); got ${phased}`,
    );
  }
  const total = retryDelaysSeconds(policy).reduce((sum, delay) => sum + delay, 0);
  if (total > MAX_TOTAL_RETRY_SECONDS) {
    throw invalid(
      `the retries of this policy take ${total} seconds; the total retry time is at most ${MAX_TOTAL_RETRY_SECONDS}`,
    );
  }
  return { ...input };
}

/**
 * The wait before each retry, in seconds: the no-delay phase, the pre-backoff phase at
 * `minDelayTarget`, the backoff phase rising from min to max along `backoffFunction`, then the
 * post-backoff phase at `maxDelayTarget` (the phases of "Amazon SNS message delivery retries").
 */
export function retryDelaysSeconds(policy: HealthyRetryPolicy): number[] {
  const { minDelayTarget: min, maxDelayTarget: max } = policy;
  const backoff =
    policy.numRetries -
    policy.numNoDelayRetries -
    policy.numMinDelayRetries -
    policy.numMaxDelayRetries;
  const delays: number[] = [];
  for (let i = 0; i < policy.numNoDelayRetries; i++) delays.push(0);
  for (let i = 0; i < policy.numMinDelayRetries; i++) delays.push(min);
  for (let i = 1; i <= backoff; i++) {
    delays.push(Math.round(min + (max - min) * curve(policy.backoffFunction, i / backoff)));
  }
  for (let i = 0; i < policy.numMaxDelayRetries; i++) delays.push(max);
  return delays;
}

/** How far (0–1) along the way from min to max delay step `x` (0–1) of the backoff phase is. */
function curve(backoff: HealthyRetryPolicy['backoffFunction'], x: number): number {
  switch (backoff) {
    case 'linear':
      return x;
    case 'arithmetic':
      return x * x;
    case 'geometric':
      return x * x * x;
    case 'exponential':
      return (2 ** (10 * x) - 1) / (2 ** 10 - 1);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidParameterError(
      'Invalid parameter: DeliveryPolicy: Reason: failed to parse JSON',
      { field: 'DeliveryPolicy', cause },
    );
  }
}

function invalid(reason: string): InvalidParameterError {
  return new InvalidParameterError(`Invalid parameter: DeliveryPolicy: ${reason}`, {
    field: 'DeliveryPolicy',
  });
}
