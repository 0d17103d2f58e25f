import { md5OfMessageBody } from '@sealbus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Form-encodes like botocore: spaces as `+`, everything else percent-encoded. */
function botocoreForm(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
    .join('&');
}

async function post(
  service: 'sqs' | 'sns',
  params: Record<string, string>,
  path = '/',
): Promise<{ status: number; xml: string; headers: Headers }> {
  const response = await fetch(`${h.gateway.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDQUERY/20260101/us-east-1/${service}/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00`,
      'x-amz-date': '20260101T000000Z',
    },
    body: botocoreForm(params),
  });
  return { status: response.status, xml: await response.text(), headers: response.headers };
}

const sqs = (params: Record<string, string>, path?: string) =>
  post('sqs', { Version: '2012-11-05', ...params }, path);
const sns = (params: Record<string, string>) => post('sns', { Version: '2010-03-31', ...params });

describe('SQS Query', () => {
  it('creates a queue and lists it as repeated <QueueUrl> elements', async () => {
    const created = await sqs({
      Action: 'CreateQueue',
      QueueName: 'wire',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '40',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'query people',
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toBe('text/xml');
    expect(created.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get('date')).toBeTruthy();
    const url = `${h.gateway.url}/000000000000/wire`;
    expect(created.xml).toBe(
      `<?xml version="1.0"?>\n<CreateQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><CreateQueueResult><QueueUrl>${url}</QueueUrl></CreateQueueResult><ResponseMetadata><RequestId>${created.headers.get('x-amzn-requestid')}</RequestId></ResponseMetadata></CreateQueueResponse>`,
    );
    const listed = await sqs({ Action: 'ListQueues', QueueNamePrefix: 'wire' });
    expect(listed.xml).toContain(
      `<ListQueuesResult><QueueUrl>${url}</QueueUrl></ListQueuesResult>`,
    );
    const tags = await sqs({ Action: 'ListQueueTags', QueueUrl: url });
    expect(tags.xml).toContain('<Tag><Key>team</Key><Value>query people</Value></Tag>');
    const attributes = await sqs({
      Action: 'GetQueueAttributes',
      QueueUrl: url,
      'AttributeName.1': 'VisibilityTimeout',
    });
    expect(attributes.xml).toContain(
      '<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout</Name><Value>40</Value></Attribute></GetQueueAttributesResult>',
    );
  });

  it('round-trips a body with spaces, markup and CR, and message attributes, in XML', async () => {
    const url = `${h.gateway.url}/000000000000/wire`;
    const body = 'hello world & <tag attr="1">\r\nline two';
    const sent = await sqs({
      Action: 'SendMessage',
      QueueUrl: url,
      MessageBody: body,
      'MessageAttribute.1.Name': 'attribName1',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'attribValue 1',
      'MessageAttribute.2.Name': 'payload',
      'MessageAttribute.2.Value.DataType': 'Binary',
      'MessageAttribute.2.Value.BinaryValue': 'aGVsbG8=',
    });
    expect(sent.status).toBe(200);
    expect(sent.xml).toContain(`<MD5OfMessageBody>${md5OfMessageBody(body)}</MD5OfMessageBody>`);
    const received = await sqs({
      Action: 'ReceiveMessage',
      QueueUrl: url,
      'AttributeName.1': 'ApproximateReceiveCount',
      'MessageAttributeName.1': 'attribName1',
      'MessageAttributeName.2': 'payload',
    });
    expect(received.xml).toContain(
      '<Body>hello world &amp; &lt;tag attr=&quot;1&quot;&gt;&#xD;\nline two</Body>',
    );
    expect(received.xml).toContain(`<MD5OfBody>${md5OfMessageBody(body)}</MD5OfBody>`);
    expect(received.xml).toContain(
      '<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>',
    );
    expect(received.xml).toContain(
      '<MessageAttribute><Name>attribName1</Name><Value><DataType>String</DataType><StringValue>attribValue 1</StringValue></Value></MessageAttribute>',
    );
    expect(received.xml).toContain(
      '<MessageAttribute><Name>payload</Name><Value><DataType>Binary</DataType><BinaryValue>aGVsbG8=</BinaryValue></Value></MessageAttribute>',
    );
    const handle = /<ReceiptHandle>([^<]+)<\/ReceiptHandle>/.exec(received.xml)![1]!;
    // Older clients POST to the queue URL itself and leave QueueUrl out.
    const deleted = await sqs(
      { Action: 'DeleteMessage', ReceiptHandle: handle },
      '/000000000000/wire',
    );
    expect(deleted.xml).toMatch(/<DeleteMessageResponse [^>]+><ResponseMetadata>/);
    const empty = await sqs({ Action: 'ReceiveMessage', QueueUrl: url });
    expect(empty.xml).toContain('<ReceiveMessageResult/>');
  });

  it('decodes batch entries and reports failures as <BatchResultErrorEntry>', async () => {
    const url = `${h.gateway.url}/000000000000/wire`;
    const result = await sqs({
      Action: 'SendMessageBatch',
      QueueUrl: url,
      'SendMessageBatchRequestEntry.1.Id': 'ok',
      'SendMessageBatchRequestEntry.1.MessageBody': 'fine',
      'SendMessageBatchRequestEntry.2.Id': 'bad',
      'SendMessageBatchRequestEntry.2.MessageBody': 'bad \u0001 char',
    });
    expect(result.xml).toMatch(/<SendMessageBatchResultEntry><Id>ok<\/Id><MessageId>/);
    expect(result.xml).toContain(
      '<BatchResultErrorEntry><Id>bad</Id><SenderFault>true</SenderFault><Code>InvalidMessageContents</Code>',
    );
  });

  it('answers errors as <ErrorResponse> with the SQS Query code and status', async () => {
    const missing = await sqs({ Action: 'GetQueueUrl', QueueName: 'nope' });
    expect(missing.status).toBe(400);
    expect(missing.xml).toContain(
      '<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>',
    );
    expect(missing.xml).toContain(
      `<RequestId>${missing.headers.get('x-amzn-requestid')}</RequestId>`,
    );
    const key = await h.kms.createKey({ description: 'disabled for the Query test' });
    await sqs({
      Action: 'CreateQueue',
      QueueName: 'wire-sealed',
      'Attribute.1.Name': 'KmsMasterKeyId',
      'Attribute.1.Value': key.arn,
    });
    await h.kms.disableKey(key.keyId);
    const disabled = await sqs({
      Action: 'SendMessage',
      QueueUrl: `${h.gateway.url}/000000000000/wire-sealed`,
      MessageBody: 'never stored',
    });
    expect(disabled.status).toBe(400);
    expect(disabled.xml).toContain('<Code>KMS.DisabledException</Code>');
    const unknown = await sqs({ Action: 'MakeCoffee' });
    expect(unknown.status).toBe(400);
    expect(unknown.xml).toContain('<Code>InvalidAction</Code>');
  });
});

describe('SNS Query', () => {
  it('speaks entry maps and member lists', async () => {
    const created = await sns({
      Action: 'CreateTopic',
      Name: 'wire-topic',
      'Attributes.entry.1.key': 'DisplayName',
      'Attributes.entry.1.value': 'Wire topic',
    });
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:wire-topic';
    expect(created.xml).toContain(
      `<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>${topicArn}</TopicArn></CreateTopicResult>`,
    );
    const listed = await sns({ Action: 'ListTopics' });
    expect(listed.xml).toContain(`<Topics><member><TopicArn>${topicArn}</TopicArn></member>`);
    const attributes = await sns({ Action: 'GetTopicAttributes', TopicArn: topicArn });
    expect(attributes.xml).toContain(
      '<entry><key>DisplayName</key><value>Wire topic</value></entry>',
    );

    await sqs({ Action: 'CreateQueue', QueueName: 'wire-sub' });
    const subscribed = await sns({
      Action: 'Subscribe',
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:us-east-1:000000000000:wire-sub',
      'Attributes.entry.1.key': 'RawMessageDelivery',
      'Attributes.entry.1.value': 'true',
    });
    expect(subscribed.xml).toMatch(
      /<SubscriptionArn>arn:aws:sns:[^<]+:wire-topic:[^<]+<\/SubscriptionArn>/,
    );
    const published = await sns({
      Action: 'Publish',
      TopicArn: topicArn,
      Message: 'plus signs are spaces',
      'MessageAttributes.entry.1.Name': 'kind',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'a b',
    });
    expect(published.xml).toMatch(
      /<PublishResult><MessageId>[0-9a-f-]+<\/MessageId><\/PublishResult>/,
    );
    const received = await sqs({
      Action: 'ReceiveMessage',
      QueueUrl: `${h.gateway.url}/000000000000/wire-sub`,
      'MessageAttributeName.1': 'All',
    });
    expect(received.xml).toContain('<Body>plus signs are spaces</Body>');
    expect(received.xml).toContain('<StringValue>a b</StringValue>');
    const subscriptions = await sns({ Action: 'ListSubscriptionsByTopic', TopicArn: topicArn });
    expect(subscriptions.xml).toContain('<Protocol>sqs</Protocol>');
    expect(subscriptions.xml).toContain('<Subscriptions><member>');
  });

  it('answers SNS errors with SNS codes', async () => {
    const missing = await sns({
      Action: 'GetTopicAttributes',
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope',
    });
    expect(missing.status).toBe(404);
    expect(missing.xml).toContain(
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">',
    );
    expect(missing.xml).toContain('<Code>NotFound</Code>');
  });
});
