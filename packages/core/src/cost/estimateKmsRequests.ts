import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterValueError } from '../errors/sqs.js';

export const KMS_COST_SERVICES = ['sqs', 'sns'] as const;
export type KmsCostService = (typeof KMS_COST_SERVICES)[number];

/** AWS KMS list price per 10,000 symmetric requests, in USD. */
export const DEFAULT_KMS_PRICE_PER_10K_REQUESTS = 0.03;
export const REUSE_PERIOD_LIMITS = { min: 60, max: 86_400 } as const;

export interface KmsCostQuery {
  service: KmsCostService;
  /** B: the billing period in seconds, e.g. 2,678,400 for 31 days. */
  billingSeconds: number;
  /** D: the data-key reuse period in seconds (60–86,400). */
  reusePeriodSeconds: number;
  /** P per topic or queue: the number of distinct producing principals (0 or more). One term each. */
  principals: readonly number[];
  /**
   * SQS only, C per queue: the number of distinct consuming principals. One value applies to
   * every queue; a list gives one per queue. @defaultValue 0
   */
  consumers?: readonly number[];
  /** @defaultValue DEFAULT_KMS_PRICE_PER_10K_REQUESTS */
  pricePer10kRequests?: number;
}

export interface KmsCostTerm {
  principals: number;
  consumers?: number;
  requests: number;
}

export interface KmsCostEstimate {
  service: KmsCostService;
  /** B/D rounded up: a period that starts needs its data key. */
  periods: number;
  terms: KmsCostTerm[];
  requests: number;
  pricePer10kRequests: number;
  /** `requests / 10,000 × pricePer10kRequests`. */
  cost: number;
}

function requireInteger(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new InvalidParameterValueError(
      `${field} must be an integer ${range}; got ${describeValue(value)}`,
      { field },
    );
  }
}

/**
 * The KMS request formula of the SQS and SNS SSE documentation, one term per queue or topic:
 * SNS `B/D × 2P` (a GenerateDataKey and a Decrypt per producer per period), SQS
 * `B/D × (2P + C)` (plus one Decrypt per consumer per period).
 */
export function estimateKmsRequests(query: KmsCostQuery): KmsCostEstimate {
  requireInteger('billingSeconds', query.billingSeconds, 1);
  requireInteger(
    'reusePeriodSeconds',
    query.reusePeriodSeconds,
    REUSE_PERIOD_LIMITS.min,
    REUSE_PERIOD_LIMITS.max,
  );
  if (query.principals.length === 0) {
    throw new InvalidParameterValueError(
      'principals needs one count per topic or queue, e.g. 3,5; got none',
      { field: 'principals' },
    );
  }
  for (const [i, p] of query.principals.entries()) requireInteger(`principals[${i}]`, p, 0);
  const consumers = query.consumers ?? [];
  if (query.service === 'sns' && consumers.length > 0) {
    throw new InvalidParameterValueError(
      'consumers applies to SQS only: SNS delivers to subscribers without their own KMS calls. Drop --consumers or use --service sqs.',
      { field: 'consumers' },
    );
  }
  if (consumers.length > 1 && consumers.length !== query.principals.length) {
    throw new InvalidParameterValueError(
      `consumers must give one count for every queue or one for all: ${query.principals.length} principal counts but ${consumers.length} consumer counts`,
      { field: 'consumers' },
    );
  }
  for (const [i, c] of consumers.entries()) requireInteger(`consumers[${i}]`, c, 0);
  const price = query.pricePer10kRequests ?? DEFAULT_KMS_PRICE_PER_10K_REQUESTS;
  if (!Number.isFinite(price) || price < 0) {
    throw new InvalidParameterValueError(
      `pricePer10kRequests must be a number of at least 0; got ${describeValue(price)}`,
      { field: 'pricePer10kRequests' },
    );
  }
  const periods = Math.ceil(query.billingSeconds / query.reusePeriodSeconds);
  const terms = query.principals.map((principals, i): KmsCostTerm => {
    if (query.service === 'sns') return { principals, requests: periods * 2 * principals };
    const c = consumers.length === 1 ? consumers[0]! : (consumers[i] ?? 0);
    return { principals, consumers: c, requests: periods * (2 * principals + c) };
  });
  const requests = terms.reduce((sum, term) => sum + term.requests, 0);
  return {
    service: query.service,
    periods,
    terms,
    requests,
    pricePer10kRequests: price,
    cost: (requests / 10_000) * price,
  };
}
