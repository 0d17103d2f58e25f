import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterValueError } from '../errors/sqs.js';

/** One encrypted topic or queue in a KMS cost estimate. */
export interface KmsCostTerm {
  /** Principals that publish or send (each needs its own data key per reuse period). */
  producers: number;
  /** SQS only: principals that receive (each decrypts once per reuse period). @defaultValue 0 */
  consumers?: number;
}

export interface KmsCostEstimateRequest {
  service: 'sqs' | 'sns';
  /** B: the billing period in seconds (e.g. 2,678,400 for 31 days). */
  billingSeconds: number;
  /** D: `KmsDataKeyReusePeriodSeconds`, 60–86,400. */
  reusePeriodSeconds: number;
  /** One term per topic or queue. */
  terms: readonly KmsCostTerm[];
  /** USD per 10,000 KMS requests. @defaultValue 0.03 */
  pricePer10k?: number;
}

export interface KmsCostEstimate {
  /** KMS requests per term, rounded up like AWS bills whole requests. */
  requestsPerTerm: number[];
  requests: number;
  costUsd: number;
}

/** The AWS KMS price per 10,000 symmetric requests, as the SQS/SNS SSE docs use it. */
export const DEFAULT_KMS_PRICE_PER_10K = 0.03;

function requireNumber(field: string, value: number, min: number, max = Number.POSITIVE_INFINITY) {
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `at least ${min}` : `from ${min} to ${max}`;
    throw new InvalidParameterValueError(`${field} must be ${range}; got ${describeValue(value)}`, {
      field,
    });
  }
}

/**
 * The documented KMS request formula of SSE, one term per topic/queue:
 * SQS `R = B / D × (2P + C)`, SNS `R = B / D × 2P`.
 */
export function estimateKmsRequests(request: KmsCostEstimateRequest): KmsCostEstimate {
  requireNumber('billingSeconds', request.billingSeconds, 1);
  requireNumber('reusePeriodSeconds', request.reusePeriodSeconds, 60, 86_400);
  const periods = request.billingSeconds / request.reusePeriodSeconds;
  const requestsPerTerm = request.terms.map((term, index) => {
    requireNumber(`terms[${index}].producers`, term.producers, 0);
    const consumers = request.service === 'sqs' ? (term.consumers ?? 0) : 0;
    requireNumber(`terms[${index}].consumers`, consumers, 0);
    return Math.ceil(periods * (2 * term.producers + consumers));
  });
  const requests = requestsPerTerm.reduce((sum, value) => sum + value, 0);
  const pricePer10k = request.pricePer10k ?? DEFAULT_KMS_PRICE_PER_10K;
  requireNumber('pricePer10k', pricePer10k, 0);
  return { requestsPerTerm, requests, costUsd: (requests / 10_000) * pricePer10k };
}
