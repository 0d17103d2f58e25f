import type { IncomingMessage } from 'node:http';
import type { RegionBrokerList } from '@sealbus/console';
import { listRecordedDeliveries } from '@sealbus/console';
import {
  awsWireError,
  InvalidActionError,
  InvalidParameterValueError,
  type Logger,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import type { WireResponse } from '../http/types.js';
import { requestFormPairs } from '../protocols/form.js';
import { jsonErrorBody } from '../protocols/json.js';

/**
 * sealbus's own endpoint for the deliveries SNS recorded instead of sending (as LocalStack
 * serves `/_aws/sns/sms-messages`), but authenticated as every other request: SigV4-signed for
 * the `sns` service, in the region whose deliveries it lists.
 */
export const RECORDED_DELIVERIES_PATH = '/_sealbus/sns/recorded-deliveries';

/** The operation name the gateway's log lines give this endpoint. */
export const RECORDED_DELIVERIES_ACTION = 'ListRecordedDeliveries';

export interface RecordedDeliveriesEndpoint {
  /** The brokers whose recorded deliveries are served; absent: the endpoint is not served. */
  regions: RegionBrokerList | undefined;
  kms: LocalKms;
  logger: Logger;
  /** The request's region (SigV4 scope or regional host name) and principal, or the refusal. */
  authenticate(service: 'sns'): { region: string; principal: string };
}

/**
 * Answers `GET /_sealbus/sns/recorded-deliveries[?endpoint=X]`: JSON `{ region, deliveries }`
 * of the request's region, oldest first. A body of an encrypted topic is included only when the
 * signing principal may `kms:Decrypt` with the topic's key, so the endpoint never bypasses a
 * key policy. Errors are AWS-shaped JSON (`__type`, `message`).
 */
export async function serveRecordedDeliveries(
  req: IncomingMessage,
  query: string,
  endpoint: RecordedDeliveriesEndpoint,
): Promise<WireResponse> {
  try {
    const { region, principal } = endpoint.authenticate('sns');
    if (endpoint.regions === undefined) {
      throw new InvalidActionError(
        `${RECORDED_DELIVERIES_PATH} is not served: this gateway was started without its brokers' recorded deliveries (recordedDeliveries)`,
      );
    }
    if (req.method !== 'GET') {
      throw new InvalidParameterValueError(
        `${RECORDED_DELIVERIES_PATH} answers GET only; got ${req.method === undefined ? 'no method' : `method ${req.method.slice(0, 16)}`}`,
        { field: 'method' },
      );
    }
    const filter = deliveriesFilter(query);
    const deliveries = await listRecordedDeliveries(
      endpoint.regions(),
      { kms: endpoint.kms, principal, logger: endpoint.logger },
      { ...filter, region },
    );
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ region, deliveries }),
    };
  } catch (error) {
    const wire = awsWireError(error, 'sns', { action: RECORDED_DELIVERIES_ACTION });
    // Structured fields only: an error's message may quote a value.
    if (wire.status >= 500) {
      const errorName = error instanceof Error ? error.name : typeof error;
      endpoint.logger.error({ code: wire.sealbusCode, errorName }, 'recorded deliveries failed');
    }
    return {
      status: wire.status,
      headers: { 'content-type': 'application/json' },
      // SNS speaks Query: its codes (MissingAuthenticationToken, …), not a JSON service's types.
      body: jsonErrorBody(wire.code, wire.message),
    };
  }
}

function deliveriesFilter(query: string): { endpoint?: string } {
  let endpoint: string | undefined;
  for (const [name, value] of requestFormPairs({ query, headers: {}, body: new Uint8Array() })) {
    if (name !== 'endpoint') {
      throw new InvalidParameterValueError(
        `${RECORDED_DELIVERIES_PATH} takes only the query parameter endpoint; got another parameter`,
        { field: 'query' },
      );
    }
    endpoint = value;
  }
  return endpoint === undefined || endpoint === '' ? {} : { endpoint };
}
