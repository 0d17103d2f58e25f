import { type MessageAttributes, md5OfMessageAttributes } from '@sealbus/core';

/**
 * What a queue message's envelope is bound to besides its queue: the message id and the MD5 of
 * its message attributes (SQS's `MD5OfMessageAttributes`). An envelope swapped onto another
 * message, or a message whose attributes were edited at rest, then fails to open.
 * `attributesMd5` is passed when the caller has it already.
 */
export function messageBinding(
  messageId: string,
  messageAttributes: MessageAttributes,
  attributesMd5: string | undefined = md5OfMessageAttributes(messageAttributes),
): string {
  return attributesMd5 === undefined ? messageId : `${messageId}\n${attributesMd5}`;
}
