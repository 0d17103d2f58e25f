import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  type OperationType,
} from '../semconv.js';

/** The name and the creation-time attributes of one kind of span on one destination. */
export interface SpanTemplate {
  /** `{messaging.operation.name} {destination}`, e.g. `send Billing-Integration`. */
  readonly name: string;
  /** Shared and frozen: the SDK copies them into each span. */
  readonly attributes: Attributes;
}

/**
 * A template per destination and operation, built once when the queue or topic is wrapped so
 * that a traced call allocates no name and no attribute map of its own.
 */
export function spanTemplate(
  system: string,
  destination: string,
  operationName: string,
  operationType: OperationType,
  extra: Attributes = {},
): SpanTemplate {
  return Object.freeze({
    name: `${operationName} ${destination}`,
    attributes: Object.freeze({
      [ATTR_MESSAGING_SYSTEM]: system,
      [ATTR_MESSAGING_DESTINATION_NAME]: destination,
      [ATTR_MESSAGING_OPERATION_NAME]: operationName,
      [ATTR_MESSAGING_OPERATION_TYPE]: operationType,
      ...extra,
    }),
  });
}
