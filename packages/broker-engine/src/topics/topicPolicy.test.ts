import { describe, expect, it } from 'vitest';
import { defaultTopicPolicy, withoutPermission, withPermission } from './topicPolicy.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:alerts';

describe('topic policy', () => {
  it('the default grants the owner account every topic action', () => {
    const policy = JSON.parse(defaultTopicPolicy(TOPIC));
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: { 'AWS:SourceOwner': '123456789012' },
    });
    expect(policy.Statement[0].Action).toHaveLength(8);
  });

  it('adds and removes labelled statements; refuses bad account ids', () => {
    const added = withPermission(defaultTopicPolicy(TOPIC), TOPIC, {
      label: 'l1',
      accountIds: ['111122223333', '444455556666'],
      actions: ['Publish', 'Subscribe'],
    });
    expect(JSON.parse(added).Statement[1]).toEqual({
      Sid: 'l1',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] },
      Action: ['SNS:Publish', 'SNS:Subscribe'],
      Resource: TOPIC,
    });
    expect(withoutPermission(added, 'l1')).toBe(defaultTopicPolicy(TOPIC));
    expect(() =>
      withPermission(added, TOPIC, { label: 'l2', accountIds: ['12'], actions: ['Publish'] }),
    ).toThrow('Invalid parameter: AWSAccountId: "12" is not a 12-digit account id');
  });

  it('takes a policy whose Statement is a single object', () => {
    const single = JSON.stringify({ Version: '2012-10-17', Statement: { Sid: 'only' } });
    expect(JSON.parse(withoutPermission(single, 'other')).Statement).toEqual([{ Sid: 'only' }]);
  });
});
