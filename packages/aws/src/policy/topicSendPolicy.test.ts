import { describe, expect, it } from 'vitest';
import { mergeTopicSendPolicy, topicSendStatement } from './topicSendPolicy.js';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:Billing-Integration';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:Patient-Records';
const OTHER_TOPIC = 'arn:aws:sns:us-east-1:123456789012:Audit';

describe('mergeTopicSendPolicy', () => {
  it('creates a policy that lets only this topic send through SNS', () => {
    const policy = JSON.parse(mergeTopicSendPolicy(undefined, QUEUE, TOPIC)!);
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement).toEqual([
      {
        Sid: expect.stringMatching(/^sealbus-sns-/),
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: QUEUE,
        Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
      },
    ]);
  });

  it('keeps the statements, Id and Version already in the policy', () => {
    const existing = JSON.stringify({
      Version: '2008-10-17',
      Id: 'queue-policy',
      Statement: {
        Sid: 'owner',
        Effect: 'Allow',
        Principal: { AWS: '123456789012' },
        Action: 'sqs:*',
      },
    });
    const merged = JSON.parse(mergeTopicSendPolicy(existing, QUEUE, TOPIC)!);
    expect(merged.Version).toBe('2008-10-17');
    expect(merged.Id).toBe('queue-policy');
    expect(merged.Statement).toHaveLength(2);
    expect(merged.Statement[0].Sid).toBe('owner');
    expect(merged.Statement[1]).toEqual(topicSendStatement(QUEUE, TOPIC));
  });

  it('adds one statement per topic and nothing when the topic is already allowed', () => {
    const first = mergeTopicSendPolicy('', QUEUE, TOPIC)!;
    expect(mergeTopicSendPolicy(first, QUEUE, TOPIC)).toBeUndefined();
    const second = JSON.parse(mergeTopicSendPolicy(first, QUEUE, OTHER_TOPIC)!);
    expect(
      second.Statement.map(
        (s: { Condition: { ArnEquals: Record<string, string> } }) =>
          s.Condition.ArnEquals['aws:SourceArn'],
      ),
    ).toEqual([TOPIC, OTHER_TOPIC]);
  });

  it('recognises a hand-written ArnLike statement listing the topic', () => {
    const existing = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: ['sqs:SendMessage'],
          Condition: { ArnLike: { 'aws:SourceArn': [OTHER_TOPIC, TOPIC] } },
        },
      ],
    });
    expect(mergeTopicSendPolicy(existing, QUEUE, TOPIC)).toBeUndefined();
  });

  it('does not count a Deny statement as permission', () => {
    const existing = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Action: 'sqs:SendMessage',
          Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
        },
      ],
    });
    expect(JSON.parse(mergeTopicSendPolicy(existing, QUEUE, TOPIC)!).Statement).toHaveLength(2);
  });

  it('rejects a queue policy that is not a JSON object, naming the field', () => {
    expect(() => mergeTopicSendPolicy('not json', QUEUE, TOPIC)).toThrow(
      expect.objectContaining({ code: 'InvalidAttributeValue', field: 'Policy' }),
    );
  });
});
