import { describe, expect, it } from 'vitest';
import { moveDestinationMissing, queueMissing, topicMissing } from './StoreMiss.js';
import { orThrow, storeMissError } from './storeMissError.js';

describe('storeMissError', () => {
  // SNS SetTopicAttributes/Publish on a missing topic: NotFound ("Topic does not exist").
  it('turns every miss into the AWS error of its service, naming the resource', () => {
    expect(storeMissError(topicMissing('t'))).toMatchObject({
      code: 'NotFound',
      field: 'TopicArn',
    });
    expect(storeMissError(queueMissing('q'))).toMatchObject({
      code: 'QueueDoesNotExist',
      message: expect.stringContaining('"q"'),
    });
    expect(
      storeMissError({ miss: 'receiptStale', queueName: 'q', receiptHandle: 'h' }),
    ).toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    expect(
      storeMissError({ miss: 'notInFlight', queueName: 'q', receiptHandle: 'h' }),
    ).toMatchObject({
      code: 'MessageNotInflight',
    });
    expect(storeMissError(moveDestinationMissing('src', 'm-1'))).toMatchObject({
      code: 'ResourceNotFoundException',
      field: 'DestinationArn',
    });
    expect(
      storeMissError({ miss: 'capacityExhausted', field: 'QueueName', detail: 'full' }),
    ).toMatchObject({
      code: 'OverLimit',
      message: 'full',
    });
  });

  it('passes results through and throws misses', () => {
    expect(orThrow(3)).toBe(3);
    expect(orThrow(undefined)).toBeUndefined();
    expect(() => orThrow(queueMissing('q'))).toThrow(
      expect.objectContaining({ code: 'QueueDoesNotExist' }),
    );
  });
});
