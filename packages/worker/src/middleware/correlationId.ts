import { checkOptionKeys, InvalidParameterValueError } from '@sealbus/core';
import { CORRELATION_ID_OPTION_KEYS } from '../options/optionKeys.js';
import { lazyChild } from '../runtime/lazyChild.js';
import type { Middleware } from '../types/handler.js';
import type { InboundMessage } from '../types/message.js';

/** The message attribute that carries a correlation id across services. */
export const CORRELATION_ID_ATTRIBUTE = 'correlationId';

export interface CorrelationIdOptions {
  /** @defaultValue CORRELATION_ID_ATTRIBUTE */
  attributeName?: string;
}

/** The correlation id of a message: its attribute, else its `AWSTraceHeader`, else its id. */
export function readCorrelationId(
  message: InboundMessage,
  attributeName = CORRELATION_ID_ATTRIBUTE,
): string {
  const attribute = message.messageAttributes[attributeName]?.stringValue;
  if (attribute !== undefined && attribute !== '') return attribute;
  return message.attributes.AWSTraceHeader ?? message.messageId;
}

/** Puts the correlation id on the context and binds it to the context's logger. */
export function correlationId(options: CorrelationIdOptions = {}): Middleware {
  checkOptionKeys(options, CORRELATION_ID_OPTION_KEYS);
  const attributeName = options.attributeName ?? CORRELATION_ID_ATTRIBUTE;
  if (typeof attributeName !== 'string' || attributeName === '') {
    throw new InvalidParameterValueError(
      'correlationId attributeName must be a non-empty string.',
      {
        field: 'attributeName',
      },
    );
  }
  return (next) => (message, context) => {
    const id = readCorrelationId(message, attributeName);
    return next(message, {
      ...context,
      correlationId: id,
      logger: lazyChild(context.logger, { correlationId: id }),
    });
  };
}
