import type { Protocol } from '../http/types.js';
import type { ActionsFor } from '../services/context.js';
import { type QueryOperation, queryProtocol } from './query.js';
import { bool, flatList, flatMap, int, type QueryShape, str, struct } from './query-codec.js';

export const SQS_QUERY_VERSION = '2012-11-05';
const NAMESPACE = `http://queue.amazonaws.com/doc/${SQS_QUERY_VERSION}/`;

/** A member with its Query name. */
type Member = [string, QueryShape];

const attributeValue = struct({ DataType: str, StringValue: str, BinaryValue: str });
const queueAttributes: Member = ['Attribute', flatMap('Name', 'Value')];
const messageAttributes: Member = ['MessageAttribute', flatMap('Name', 'Value', attributeValue)];
const messageSystemAttributes: Member = [
  'MessageSystemAttribute',
  flatMap('Name', 'Value', attributeValue),
];
const tags: Member = ['Tag', flatMap('Key', 'Value')];
const failed: Member = [
  'BatchResultErrorEntry',
  flatList(struct({ Id: str, SenderFault: bool, Code: str, Message: str })),
];
const queueUrl = struct({ QueueUrl: str });
/** What SendMessage and each SendMessageBatch entry carry, and what each answers. */
const sendMessageMembers = {
  MessageBody: str,
  DelaySeconds: int,
  MessageAttributes: messageAttributes,
  MessageSystemAttributes: messageSystemAttributes,
  MessageDeduplicationId: str,
  MessageGroupId: str,
};
const sendMessageResultMembers = {
  MessageId: str,
  MD5OfMessageBody: str,
  MD5OfMessageAttributes: str,
  MD5OfMessageSystemAttributes: str,
  SequenceNumber: str,
};

/** SQS Query shapes (botocore's SQS model as of 1.32.6): flattened lists and maps. */
export const SQS_QUERY_SHAPES = {
  CreateQueue: {
    input: struct({ QueueName: str, Attributes: queueAttributes, tags }),
    output: queueUrl,
  },
  GetQueueUrl: { input: struct({ QueueName: str, QueueOwnerAWSAccountId: str }), output: queueUrl },
  ListQueues: {
    input: struct({ QueueNamePrefix: str, MaxResults: int, NextToken: str }),
    output: struct({ QueueUrls: ['QueueUrl', flatList(str)], NextToken: str }),
  },
  DeleteQueue: { input: queueUrl },
  GetQueueAttributes: {
    input: struct({ QueueUrl: str, AttributeNames: ['AttributeName', flatList(str)] }),
    output: struct({ Attributes: queueAttributes }),
  },
  SetQueueAttributes: { input: struct({ QueueUrl: str, Attributes: queueAttributes }) },
  SendMessage: {
    input: struct({ QueueUrl: str, ...sendMessageMembers }),
    output: struct(sendMessageResultMembers),
  },
  SendMessageBatch: {
    input: struct({
      QueueUrl: str,
      Entries: [
        'SendMessageBatchRequestEntry',
        flatList(struct({ Id: str, ...sendMessageMembers })),
      ],
    }),
    output: struct({
      Successful: [
        'SendMessageBatchResultEntry',
        flatList(struct({ Id: str, ...sendMessageResultMembers })),
      ],
      Failed: failed,
    }),
  },
  ReceiveMessage: {
    input: struct({
      QueueUrl: str,
      // Query clients send AttributeNames and MessageSystemAttributeNames both as AttributeName.N.
      AttributeNames: ['AttributeName', flatList(str)],
      MessageAttributeNames: ['MessageAttributeName', flatList(str)],
      MaxNumberOfMessages: int,
      VisibilityTimeout: int,
      WaitTimeSeconds: int,
      ReceiveRequestAttemptId: str,
    }),
    output: struct({
      Messages: [
        'Message',
        flatList(
          struct({
            MessageId: str,
            ReceiptHandle: str,
            MD5OfBody: str,
            Body: str,
            Attributes: queueAttributes,
            MD5OfMessageAttributes: str,
            MessageAttributes: messageAttributes,
          }),
        ),
      ],
    }),
  },
  DeleteMessage: { input: struct({ QueueUrl: str, ReceiptHandle: str }) },
  DeleteMessageBatch: {
    input: struct({
      QueueUrl: str,
      Entries: [
        'DeleteMessageBatchRequestEntry',
        flatList(struct({ Id: str, ReceiptHandle: str })),
      ],
    }),
    output: struct({
      Successful: ['DeleteMessageBatchResultEntry', flatList(struct({ Id: str }))],
      Failed: failed,
    }),
  },
  ChangeMessageVisibility: {
    input: struct({ QueueUrl: str, ReceiptHandle: str, VisibilityTimeout: int }),
  },
  ChangeMessageVisibilityBatch: {
    input: struct({
      QueueUrl: str,
      Entries: [
        'ChangeMessageVisibilityBatchRequestEntry',
        flatList(struct({ Id: str, ReceiptHandle: str, VisibilityTimeout: int })),
      ],
    }),
    output: struct({
      Successful: ['ChangeMessageVisibilityBatchResultEntry', flatList(struct({ Id: str }))],
      Failed: failed,
    }),
  },
  PurgeQueue: { input: queueUrl },
  ListDeadLetterSourceQueues: {
    input: struct({ QueueUrl: str, MaxResults: int, NextToken: str }),
    output: struct({ queueUrls: ['QueueUrl', flatList(str)], NextToken: str }),
  },
  StartMessageMoveTask: {
    input: struct({ SourceArn: str, DestinationArn: str, MaxNumberOfMessagesPerSecond: int }),
    output: struct({ TaskHandle: str }),
  },
  ListMessageMoveTasks: {
    input: struct({ SourceArn: str, MaxResults: int }),
    output: struct({
      Results: [
        'ListMessageMoveTasksResultEntry',
        flatList(
          struct({
            TaskHandle: str,
            Status: str,
            SourceArn: str,
            DestinationArn: str,
            MaxNumberOfMessagesPerSecond: int,
            ApproximateNumberOfMessagesMoved: int,
            ApproximateNumberOfMessagesToMove: int,
            FailureReason: str,
            StartedTimestamp: int,
          }),
        ),
      ],
    }),
  },
  CancelMessageMoveTask: {
    input: struct({ TaskHandle: str }),
    output: struct({ ApproximateNumberOfMessagesMoved: int }),
  },
  TagQueue: { input: struct({ QueueUrl: str, Tags: tags }) },
  UntagQueue: { input: struct({ QueueUrl: str, TagKeys: ['TagKey', flatList(str)] }) },
  ListQueueTags: { input: queueUrl, output: struct({ Tags: tags }) },
  AddPermission: {
    input: struct({
      QueueUrl: str,
      Label: str,
      AWSAccountIds: ['AWSAccountId', flatList(str)],
      Actions: ['ActionName', flatList(str)],
    }),
  },
  RemovePermission: { input: struct({ QueueUrl: str, Label: str }) },
} satisfies Record<string, QueryOperation>;

/** The SQS operations this gateway serves, on JSON and Query alike. */
export type SqsOperation = keyof typeof SQS_QUERY_SHAPES;
export type SqsActions = ActionsFor<SqsOperation>;

/** A queue URL path: older clients POST to the queue URL itself and may leave QueueUrl out. */
const QUEUE_PATH = /^\/(?:\d{12}\/)?[A-Za-z0-9_-]+(?:\.fifo)?$/;

/** SQS Query (`Action=…&Version=2012-11-05`), used by boto3 1.26, awscli 2.9 and older SDKs. */
export function sqsQueryProtocol(actions: SqsActions): Protocol {
  return queryProtocol({
    name: 'sqs-query',
    namespace: NAMESPACE,
    operations: SQS_QUERY_SHAPES,
    actions,
    service: 'sqs',
    complete(input, request) {
      if (input.QueueUrl !== undefined || !QUEUE_PATH.test(request.path)) return input;
      return { ...input, QueueUrl: `${request.context.origin}${request.path}` };
    },
  });
}

export const SQS_QUERY_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(SQS_QUERY_SHAPES));
