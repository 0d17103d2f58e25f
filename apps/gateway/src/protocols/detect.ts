import type { IncomingHttpHeaders } from 'node:http';
import { readSigV4Credential } from '../auth/sigv4.js';
import { isFormContentType, requestFormPairs } from './form.js';
import { SNS_QUERY_OPERATIONS, SNS_QUERY_VERSION } from './sns-query.js';
import { SQS_QUERY_OPERATIONS, SQS_QUERY_VERSION } from './sqs-query.js';

export type ProtocolName = 'sqs-json' | 'kms-json' | 'sqs-query' | 'sns-query';

/** The SigV4 signing name of the service each protocol serves: a signature must be scoped to it. */
export const SIGNING_SERVICE: Readonly<Record<ProtocolName, string>> = {
  'sqs-json': 'sqs',
  'sqs-query': 'sqs',
  'sns-query': 'sns',
  'kms-json': 'kms',
};

/** A request's protocol and the operation it names (not necessarily one that exists). */
export interface DetectedRequest {
  protocol: ProtocolName;
  operation: string;
}

/**
 * Which protocol a request speaks: `X-Amz-Target` names the JSON
 * services; Query requests are told apart by the SigV4 scope's service, then by `Version`
 * (SQS and SNS share some action names), then by the action. `undefined` when none fits.
 */
export function detectProtocol(request: {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}): DetectedRequest | undefined {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const operation = target.slice(target.indexOf('.') + 1);
    if (target.startsWith('AmazonSQS.')) return { protocol: 'sqs-json', operation };
    if (target.startsWith('TrentService.')) return { protocol: 'kms-json', operation };
    return undefined;
  }
  if (!isFormContentType(request.headers['content-type']) && request.query === '') return undefined;
  // Lenient: a malformed parameter is refused later, in the detected protocol's own shape.
  const params = new Map(requestFormPairs(request, true));
  const action = params.get('Action');
  if (action === undefined) return undefined;
  const protocol = queryProtocolOf(request, params.get('Version'), action);
  return protocol === undefined ? undefined : { protocol, operation: action };
}

function queryProtocolOf(
  request: Parameters<typeof readSigV4Credential>[0],
  version: string | undefined,
  action: string,
): ProtocolName | undefined {
  const service = scopeService(request);
  if (service === 'sqs') return 'sqs-query';
  if (service === 'sns') return 'sns-query';
  if (version === SQS_QUERY_VERSION) return 'sqs-query';
  if (version === SNS_QUERY_VERSION) return 'sns-query';
  if (SQS_QUERY_OPERATIONS.has(action)) return 'sqs-query';
  if (SNS_QUERY_OPERATIONS.has(action)) return 'sns-query';
  return undefined;
}

function scopeService(request: Parameters<typeof readSigV4Credential>[0]): string | undefined {
  try {
    return readSigV4Credential(request)?.service;
  } catch {
    // A malformed signature is reported by authentication, in the detected protocol's shape.
    return undefined;
  }
}
