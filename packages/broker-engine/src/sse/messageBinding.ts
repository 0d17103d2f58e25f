import { type MessageAttributes, md5OfMessageAttributes } from '@sealbus/core';

/**
 * What a queue message's envelope is bound to besides its queue: the message id and the MD5 of
 * its message attributes (SQS's `MD5OfMessageAttributes`, undefined without attributes). An
 * envelope swapped onto another message, or a message whose attributes were edited at rest,
 * then fails to open.
 */
export function messageBinding(messageId: string, attributesMd5: string | undefined): string {
  return attributesMd5 === undefined ? messageId : `${messageId}\n${attributesMd5}`;
}

/** `messageBinding` computing the attributes' MD5 (for callers that do not have it). */
export function messageBindingOf(messageId: string, messageAttributes: MessageAttributes): string {
  return messageBinding(messageId, md5OfMessageAttributes(messageAttributes));
}
