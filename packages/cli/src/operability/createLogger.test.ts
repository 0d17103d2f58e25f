import { describe, expect, it } from 'vitest';
import { createLogger } from './createLogger.js';

describe('createLogger', () => {
  it('writes JSON lines with the correlation id and never bodies, plaintext or envelopes', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      correlationId: 'c-1',
      destination: { write: (s: string) => lines.push(s) },
    });
    logger.child({ queueUrl: 'q' }).info(
      {
        messageId: 'm-1',
        body: 'patient 7',
        message: { body: 'x', plaintext: 'k', envelope: 'e' },
      },
      'sent',
    );
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      correlationId: 'c-1',
      queueUrl: 'q',
      messageId: 'm-1',
      msg: 'sent',
    });
    expect(lines[0]).not.toMatch(/patient 7|"plaintext"|"envelope"|"body"/);
    expect(logger.correlationId).toBe('c-1');
  });

  it('makes a fresh correlation id per logger', () => {
    const sink = { write: () => {} };
    expect(createLogger({ destination: sink }).correlationId).not.toBe(
      createLogger({ destination: sink }).correlationId,
    );
  });
});
