import type { ReceivedMessage } from '@sealbus/core';

/**
 * The plaintext body of a message a check expects to be open. Throws an `Error` naming the
 * message and its sealed reason (or saying nothing arrived), so a case fails on what went wrong
 * instead of comparing `undefined`.
 */
export function openBody(message: ReceivedMessage | undefined): string {
  if (message === undefined) throw new Error('openBody: no message was received');
  if (message.state === 'sealed') {
    throw new Error(
      `openBody: message ${message.messageId} arrived sealed (${message.reason}, key ${message.keyArn || 'unreadable'})`,
    );
  }
  return message.body;
}
