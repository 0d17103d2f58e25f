import type { ReceivedMessage } from '@sealbus/core';

export interface SentMessage {
  messageId: string;
  body?: string;
}

/**
 * Checks that every sent message was received exactly once, with its body when given, and
 * that nothing else was received. Throws an `Error` listing missing, duplicate, unexpected and
 * altered messages.
 */
export function assertAllReceived(
  sent: readonly SentMessage[],
  received: readonly ReceivedMessage[],
): void {
  const expected = new Map(sent.map((message) => [message.messageId, message]));
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const message of received) {
    seen.set(message.messageId, (seen.get(message.messageId) ?? 0) + 1);
    const original = expected.get(message.messageId);
    if (original === undefined) {
      problems.push(`unexpected message ${message.messageId}`);
    } else if (original.body === undefined) {
      // Only the id was given: any body will do.
    } else if (message.state === 'sealed') {
      problems.push(`message ${message.messageId} arrived sealed (${message.reason})`);
    } else if (original.body !== message.body) {
      problems.push(`message ${message.messageId} arrived with a different body`);
    }
  }
  for (const [messageId, count] of seen) {
    if (count > 1) problems.push(`message ${messageId} received ${count} times`);
  }
  for (const messageId of expected.keys()) {
    if (!seen.has(messageId)) problems.push(`message ${messageId} never received`);
  }
  if (problems.length > 0) {
    throw new Error(
      `assertAllReceived: ${problems.length} problem(s) among ${sent.length} sent / ${received.length} received: ${problems.slice(0, 10).join('; ')}`,
    );
  }
}
