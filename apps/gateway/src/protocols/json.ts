import { InvalidActionError, InvalidParameterValueError } from '@sealbus/core';
import type { GatewayRequest, WireResponse } from '../http/types.js';
import type { Actions } from '../services/context.js';
import { checkJsonLimits } from './limits.js';

/** The AWS JSON protocols (SQS 1.0, KMS 1.1): `X-Amz-Target: <prefix>.<Operation>`, JSON body. */
export interface JsonProtocolOptions {
  contentType: string;
  targetPrefix: string;
  actions: Actions;
}

export async function runJsonAction(
  options: JsonProtocolOptions,
  request: GatewayRequest,
): Promise<WireResponse> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(`${options.targetPrefix}.`)
    ? target.slice(options.targetPrefix.length + 1)
    : '';
  const action = Object.hasOwn(options.actions, operation) ? options.actions[operation] : undefined;
  if (action === undefined) {
    throw new InvalidActionError(
      `X-Amz-Target ${JSON.stringify(target)} names no ${options.targetPrefix} operation this endpoint implements`,
    );
  }
  const output = await action(parseJsonBody(request.body), request.context);
  return {
    status: 200,
    headers: { 'content-type': options.contentType },
    body: JSON.stringify(output),
  };
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  if (body.byteLength === 0) return {};
  const text = body.toString('utf8');
  checkJsonLimits(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new InvalidParameterValueError(
      'the request body is not valid JSON; send a JSON object of the operation input',
      { cause },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidParameterValueError('the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** A JSON error body: `__type` and `message` only, never `code` (JS v3 would read it first). */
export function jsonErrorBody(type: string, message: string): string {
  return JSON.stringify({ __type: type, message });
}
