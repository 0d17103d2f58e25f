import type { ReceivedMessage, SealedReceivedMessage } from '@sealbus/core';

/**
 * A message a check expects to arrive sealed. Throws an `Error` naming the message when it
 * arrived open (or saying nothing arrived), so a case never reads a plaintext it should not get.
 */
export function sealedOf(message: ReceivedMessage | undefined): SealedReceivedMessage {
  if (message === undefined) throw new Error('sealedOf: no message was received');
  if (message.state === 'open') {
    throw new Error(`sealedOf: message ${message.messageId} arrived open, expected it sealed`);
  }
  return message;
}
