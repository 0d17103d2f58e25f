import type { Protocol } from '../http/types.js';
import type { ActionsFor } from '../services/context.js';
import { type QueryOperation, queryProtocol } from './query.js';
import { bool, entryMap, memberList, str, struct } from './query-codec.js';
import { SNS_SMS_SHAPES } from './sns-sms-shapes.js';

export const SNS_QUERY_VERSION = '2010-03-31';
const NAMESPACE = `http://sns.amazonaws.com/doc/${SNS_QUERY_VERSION}/`;

const attributes = entryMap('key', 'value');
const messageAttributes = entryMap(
  'Name',
  'Value',
  struct({ DataType: str, StringValue: str, BinaryValue: str }),
);
const topicArn = struct({ TopicArn: str });
const tags = memberList(struct({ Key: str, Value: str }));
const subscriptionArn = struct({ SubscriptionArn: str });
const subscriptions = struct({
  Subscriptions: memberList(
    struct({ SubscriptionArn: str, Owner: str, Protocol: str, Endpoint: str, TopicArn: str }),
  ),
  NextToken: str,
});
const publishFields = {
  Message: str,
  Subject: str,
  MessageStructure: str,
  MessageAttributes: messageAttributes,
  MessageDeduplicationId: str,
  MessageGroupId: str,
};

/** SNS Query shapes: `Name.member.N` lists, `Name.entry.N.key/value` maps. */
export const SNS_QUERY_SHAPES = {
  CreateTopic: {
    input: struct({
      Name: str,
      Attributes: attributes,
      Tags: tags,
    }),
    output: topicArn,
  },
  DeleteTopic: { input: topicArn },
  ListTopics: {
    input: struct({ NextToken: str }),
    output: struct({ Topics: memberList(topicArn), NextToken: str }),
  },
  GetTopicAttributes: { input: topicArn, output: struct({ Attributes: attributes }) },
  SetTopicAttributes: {
    input: struct({ TopicArn: str, AttributeName: str, AttributeValue: str }),
  },
  Subscribe: {
    input: struct({
      TopicArn: str,
      Protocol: str,
      Endpoint: str,
      Attributes: attributes,
      ReturnSubscriptionArn: bool,
    }),
    output: subscriptionArn,
  },
  Unsubscribe: { input: subscriptionArn },
  ConfirmSubscription: {
    input: struct({ TopicArn: str, Token: str, AuthenticateOnUnsubscribe: str }),
    output: subscriptionArn,
  },
  // Their results are empty structures: botocore still expects the <…Result> element.
  TagResource: { input: struct({ ResourceArn: str, Tags: tags }), output: struct({}) },
  UntagResource: {
    input: struct({ ResourceArn: str, TagKeys: memberList(str) }),
    output: struct({}),
  },
  ListTagsForResource: { input: struct({ ResourceArn: str }), output: struct({ Tags: tags }) },
  AddPermission: {
    input: struct({
      TopicArn: str,
      Label: str,
      AWSAccountId: memberList(str),
      ActionName: memberList(str),
    }),
  },
  RemovePermission: { input: struct({ TopicArn: str, Label: str }) },
  ListSubscriptions: { input: struct({ NextToken: str }), output: subscriptions },
  ListSubscriptionsByTopic: {
    input: struct({ TopicArn: str, NextToken: str }),
    output: subscriptions,
  },
  GetSubscriptionAttributes: {
    input: subscriptionArn,
    output: struct({ Attributes: attributes }),
  },
  SetSubscriptionAttributes: {
    input: struct({ SubscriptionArn: str, AttributeName: str, AttributeValue: str }),
  },
  Publish: {
    input: struct({ TopicArn: str, TargetArn: str, PhoneNumber: str, ...publishFields }),
    output: struct({ MessageId: str, SequenceNumber: str }),
  },
  PublishBatch: {
    input: struct({
      TopicArn: str,
      PublishBatchRequestEntries: memberList(struct({ Id: str, ...publishFields })),
    }),
    output: struct({
      Successful: memberList(struct({ Id: str, MessageId: str, SequenceNumber: str })),
      Failed: memberList(struct({ Id: str, Code: str, Message: str, SenderFault: bool })),
    }),
  },
  ...SNS_SMS_SHAPES,
} satisfies Record<string, QueryOperation>;

/** The SNS operations this gateway serves. */
export type SnsOperation = keyof typeof SNS_QUERY_SHAPES;
export type SnsActions = ActionsFor<SnsOperation>;

/** SNS Query (`Action=…&Version=2010-03-31`), what every SDK and CLI speaks to SNS. */
export function snsQueryProtocol(actions: SnsActions): Protocol {
  return queryProtocol({
    name: 'sns-query',
    namespace: NAMESPACE,
    operations: SNS_QUERY_SHAPES,
    actions,
    service: 'sns',
  });
}

export const SNS_QUERY_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(SNS_QUERY_SHAPES));
