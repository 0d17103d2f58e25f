import { expect } from 'vitest';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';

/** SNS rules at the edges: endpoints, tags, permissions and the attributes SNS reports. */
export function snsSubscriptionCases(test: DefineCase): void {
  // Subscribe API reference: "For the sqs protocol, the endpoint is the ARN of an Amazon SQS queue."
  test('an sqs endpoint is a queue ARN; a queue URL is refused', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('arn-only'));
    const queue = await c.broker.createQueue(c.name('by-url'));
    await expect(topic.subscribe({ protocol: 'sqs', endpoint: queue.url })).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining('Invalid parameter: SQS endpoint ARN'),
    });
  });

  // SNS checks the ARN's shape only; deliveries to a queue that does not exist are dropped.
  test(
    'subscribes a queue ARN before the queue exists; it receives once created',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('early'));
      const name = c.name('later');
      // The ARN of the queue-to-be, in the broker's own region and account.
      const probe = await c.broker.createQueue(c.name('probe'));
      const arn = probe.arn.replace(/[^:]+$/, name);
      const subscription = await topic.subscribe(
        { protocol: 'sqs', endpoint: arn },
        { rawMessageDelivery: true },
      );
      expect(subscription).toMatchObject({
        protocol: 'sqs',
        endpoint: arn,
        pendingConfirmation: false,
      });
      await topic.publish('lost: no queue yet');
      const queue = await c.broker.createQueue(name);
      expect(queue.arn).toBe(arn);
      await topic.publish('delivered');
      const [message] = await c.receiveAll(queue, 1);
      expect(openBody(message!)).toBe('delivered');
    },
  );

  test('lambda and firehose stay refused, unknown protocols too', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('protocols'));
    await expect(
      topic.subscribe({
        protocol: 'lambda' as 'sqs',
        endpoint: 'arn:aws:lambda:us-east-1:000000000000:function:f',
      }),
    ).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining('Invalid parameter: Protocol'),
    });
    await expect(
      topic.subscribe({ protocol: 'carrier-pigeon' as 'sqs', endpoint: 'x' }),
    ).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining(
        'Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon',
      ),
    });
  });

  // TagResource API reference: "A new tag with a key identical to that of an existing tag
  // overwrites the existing tag"; at most 50 tags per topic.
  test('topics carry tags: overwrite, untag, the 50-tag quota', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('tagged'));
    await topic.tag({ team: 'ward', cost: '1' });
    await topic.tag({ cost: '2' });
    await topic.untag(['team', 'absent']);
    expect(await topic.listTags()).toEqual({ cost: '2' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await expect(topic.tag(many)).rejects.toMatchObject({
      code: 'TagLimitExceeded',
      message: expect.stringContaining(
        'Could not complete request: tag quota of per resource exceeded',
      ),
    });
    expect(await topic.listTags()).toEqual({ cost: '2' });
  });

  // GetTopicAttributes API reference: Policy, EffectiveDeliveryPolicy, Owner and the counters.
  test(
    'a new topic reports the default Policy and EffectiveDeliveryPolicy',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('defaults'));
      const attributes = await topic.getAttributes();
      const policy = JSON.parse(attributes.Policy!) as {
        Statement: Array<Record<string, unknown>>;
      };
      expect(policy).toMatchObject({ Version: '2008-10-17', Id: '__default_policy_ID' });
      expect(policy.Statement).toHaveLength(1);
      expect(policy.Statement[0]).toMatchObject({
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Resource: topic.arn,
      });
      expect(policy.Statement[0]!.Action).toContain('SNS:Publish');
      expect(JSON.parse(attributes.EffectiveDeliveryPolicy)).toEqual({
        http: {
          defaultHealthyRetryPolicy: {
            minDelayTarget: 20,
            maxDelayTarget: 20,
            numRetries: 3,
            numMaxDelayRetries: 0,
            numNoDelayRetries: 0,
            numMinDelayRetries: 0,
            backoffFunction: 'linear',
          },
          disableSubscriptionOverrides: false,
          defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
        },
      });
    },
  );

  // AddPermission API reference: "Adds a statement to a topic's access control policy".
  test('addPermission and removePermission edit the topic Policy', ['topics'], async (c) => {
    const topic = await c.broker.createTopic(c.name('perm'));
    await topic.addPermission({
      label: 'partner',
      accountIds: ['111122223333'],
      actions: ['Publish'],
    });
    const statements = async () =>
      (
        JSON.parse((await topic.getAttributes()).Policy!) as {
          Statement: Array<Record<string, unknown>>;
        }
      ).Statement;
    expect((await statements()).find((s) => s.Sid === 'partner')).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: expect.arrayContaining(['arn:aws:iam::111122223333:root']) },
      Action: expect.arrayContaining(['SNS:Publish']),
      Resource: topic.arn,
    });
    await expect(
      topic.addPermission({ label: 'partner', accountIds: ['111122223333'], actions: ['Publish'] }),
    ).rejects.toMatchObject({
      code: 'InvalidParameter',
      message: expect.stringContaining('Invalid parameter: Statement already exists'),
    });
    await topic.removePermission('partner');
    expect((await statements()).map((s) => s.Sid)).toEqual(['__default_statement_ID']);
  });

  test(
    'subscription DeliveryPolicy and RedrivePolicy are validated and kept',
    ['topics'],
    async (c) => {
      const topic = await c.broker.createTopic(c.name('policies'));
      const queue = await c.broker.createQueue(c.name('policed'));
      const dlq = await c.broker.createQueue(c.name('policed-dlq'));
      const subscription = await topic.subscribe(queue, {
        redrivePolicy: { deadLetterTargetArn: dlq.arn },
      });
      expect(subscription.attributes.redrivePolicy).toEqual({ deadLetterTargetArn: dlq.arn });
      await expect(
        c.broker.setSubscriptionAttributes(subscription.arn, {
          redrivePolicy: '{"deadLetterTargetArn":"not-an-arn"}',
        }),
      ).rejects.toMatchObject({
        code: 'InvalidParameter',
        message: expect.stringContaining('Invalid parameter: RedrivePolicy'),
      });
      const updated = await c.broker.setSubscriptionAttributes(subscription.arn, {
        redrivePolicy: '',
      });
      expect(updated.attributes.redrivePolicy).toBeUndefined();
    },
  );
}
