/**
 * The one table of sealbus errors. Each entry gives the error's class name, its fault and
 * retryability, sealbus's hint (what the caller should do) and, per AWS service, the code,
 * HTTP status and message text AWS answers with. The error classes, the AWS backend's mapping
 * (wire → class), the gateway's wire errors (class → wire) and the `@throws` check are all
 * read from here; a new error is one entry (plus a one-line class).
 *
 * Texts are AWS's own words. A `{name}` placeholder is filled from the error's `params`,
 * `{field}` from the last segment of its `field` and `{action}` from the request's action.
 * When a text is missing, or a placeholder has no value, the wire carries the error's
 * message instead (docs/errors.md lists what is still sealbus-worded).
 *
 * Sources, named per text: `api` = the service's API reference (Errors section of the action
 * page, Common Errors); `sdk` = an AWS SDK integration test run against AWS; `re:Post` = the
 * AWS knowledge-center article quoting the error; `compat` = AWS-recorded texts in public
 * AWS-compatibility test suites (boto3 runs recorded against AWS).
 */

/** A service whose wire protocol the gateway speaks and whose SDK errors the AWS backend maps. */
export type AwsService = 'sqs' | 'sns' | 'kms';

/** AWS's fault words: the Query `<Type>` and the `x-amzn-query-error` suffix. */
export type WireFault = 'Sender' | 'Receiver';

/** How one service reports an error. */
export interface WireSpec {
  /** Query `<Code>` (SQS, SNS) or KMS JSON `__type`. */
  readonly code: string;
  /** SQS JSON `__type` shape name (without `com.amazonaws.sqs#`) where it differs from `code`. */
  readonly json?: string;
  /** HTTP status (SQS JSON keeps the Query status: the protocol is awsQueryCompatible). */
  readonly status: number;
  /** AWS's text; a record picks the text by the error's (bare) `field`. */
  readonly text?: string | Readonly<Record<string, string>>;
  /** Where `text` comes from (see the header). */
  readonly source?: string;
  /**
   * This sealbus code goes out under another entry's AWS code (SNS has one `InvalidParameter`
   * for five SQS codes): the AWS backend maps that code back to the other entry.
   */
  readonly reportedAs?: true;
}

export interface CatalogueEntry {
  readonly className: string;
  readonly fault: WireFault;
  readonly retryable: boolean;
  /** What to do about it; on the library error (`error.hint`) and in the gateway log, never on the wire. */
  readonly hint: string;
  readonly wire: Partial<Record<AwsService, WireSpec>>;
  /** Other names the AWS SDKs report for this error (SDK exception names, retired codes). */
  readonly accepts?: Partial<Record<AwsService, readonly string[]>>;
  /** The package whose class it is, when not `@sealbus/core` (core cannot import upwards). */
  readonly owner?: '@sealbus/aws' | '@sealbus/envelope' | '@sealbus/worker';
}

const SQS_PREFIX = 'AWS.SimpleQueueService.';
const INTERNAL_TEXT = 'We encountered an internal error. Please try again.';

/** The same AWS code, status and text on every service. */
function everywhere<const S extends WireSpec>(spec: S): Record<AwsService, S> {
  return { sqs: spec, sns: spec, kms: spec };
}

/** An SQS code in its Query spelling (`AWS.SimpleQueueService.X`) and JSON shape `X`. */
function sqsPrefixed(shape: string, text?: string, source?: string): WireSpec {
  return {
    code: `${SQS_PREFIX}${shape}`,
    json: shape,
    status: 400,
    ...(text === undefined ? {} : { text }),
    ...(source === undefined ? {} : { source }),
  };
}

/** SNS's one code for every bad parameter. */
const SNS_INVALID_PARAMETER_SPEC = {
  code: 'InvalidParameter',
  status: 400,
  text: 'Invalid parameter: {parameter} Reason: {reason}',
  source: 'sdk (aws-sdk-js features/sns: "Invalid parameter: TopicArn Reason: ...")',
} as const;
const SNS_INVALID_PARAMETER: WireSpec = { ...SNS_INVALID_PARAMETER_SPEC, reportedAs: true };
/** KMS's one code for every request-validation failure. */
const KMS_VALIDATION: WireSpec = { code: 'ValidationException', status: 400, reportedAs: true };

/** SQS's KMS failures (Query `KMS.X`, JSON `KmsX`), SNS's (`KMSX`) and KMS's own (`X`). */
function kmsFailure(
  sqsShape: string | undefined,
  snsCode: string | undefined,
  kmsCode: string,
  status = 400,
): Partial<Record<AwsService, WireSpec>> {
  return {
    ...(sqsShape === undefined
      ? {}
      : { sqs: { code: `KMS.${kmsCode.replace(/^KMS/, '')}`, json: sqsShape, status } }),
    ...(snsCode === undefined ? {} : { sns: { code: snsCode, status } }),
    kms: { code: kmsCode, status },
  };
}

const KMS_HINT = {
  disabled: 'Enable the key (kms:EnableKey) or point KmsMasterKeyId at an enabled key',
  notFound: 'Check the key id/alias and region, or point KmsMasterKeyId at an existing key',
  accessDenied:
    'Grant this principal kms:GenerateDataKey (producers) and kms:Decrypt (consumers) in the key policy or IAM',
  invalidState:
    'The key is pending deletion or import; cancel the deletion (kms:CancelKeyDeletion) or use another key',
  throttled: 'KMS throttled the request; raise KmsDataKeyReusePeriodSeconds or retry later',
} as const;

export const ERROR_CATALOGUE = {
  // ---- Request, authentication and service-wide errors (AWS Common Errors) ----
  InvalidAction: {
    className: 'InvalidActionError',
    fault: 'Sender',
    retryable: false,
    hint: 'The endpoint does not implement this action; check the endpoint URL and the service',
    wire: {
      ...everywhere({
        code: 'InvalidAction',
        json: 'UnknownOperationException',
        status: 400,
        text: 'The action {action} is not valid for this web service.',
        source: 'api (Common Errors: InvalidAction)',
      }),
      kms: { code: 'UnknownOperationException', status: 400 },
    },
    accepts: { sqs: ['MissingAction'], sns: ['MissingAction'] },
  },
  MissingAuthenticationToken: {
    className: 'MissingAuthenticationTokenError',
    fault: 'Sender',
    retryable: false,
    hint: 'Configure credentials for the client: every request must be SigV4-signed',
    wire: {
      ...everywhere({
        code: 'MissingAuthenticationToken',
        json: 'MissingAuthenticationTokenException',
        status: 403,
        text: 'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
        source: 'api (Common Errors: MissingAuthenticationToken)',
      }),
      kms: {
        code: 'MissingAuthenticationTokenException',
        status: 400,
        text: 'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.',
        source: 'api (Common Errors: MissingAuthenticationToken)',
      },
    },
  },
  IncompleteSignature: {
    className: 'IncompleteSignatureError',
    fault: 'Sender',
    retryable: false,
    hint: 'The Authorization header lacks a part (Credential, SignedHeaders, Signature); sign with an AWS SDK',
    wire: {
      ...everywhere({
        code: 'IncompleteSignature',
        json: 'IncompleteSignatureException',
        status: 400,
      }),
      kms: { code: 'IncompleteSignatureException', status: 400 },
    },
  },
  InvalidClientTokenId: {
    className: 'InvalidClientTokenIdError',
    fault: 'Sender',
    retryable: false,
    hint: 'Use an access key id the gateway knows (--credentials), or the AWS account configured for the client',
    wire: {
      ...everywhere({
        code: 'InvalidClientTokenId',
        json: 'UnrecognizedClientException',
        status: 403,
        text: 'The security token included in the request is invalid.',
        source: 'api (Common Errors: InvalidClientTokenId)',
      }),
      kms: {
        code: 'UnrecognizedClientException',
        status: 400,
        text: 'The security token included in the request is invalid.',
        source: 'api (KMS Common Errors: UnrecognizedClientException)',
      },
    },
  },
  SignatureDoesNotMatch: {
    className: 'SignatureDoesNotMatchError',
    fault: 'Sender',
    retryable: false,
    hint: 'Check the secret access key of the configured credentials and the signing region and service',
    wire: {
      ...everywhere({
        code: 'SignatureDoesNotMatch',
        json: 'InvalidSignatureException',
        status: 403,
      }),
      kms: { code: 'InvalidSignatureException', status: 400 },
    },
  },
  RequestExpired: {
    className: 'RequestExpiredError',
    fault: 'Sender',
    retryable: false,
    hint: "Fix this machine's clock (it is more than 15 minutes off) or presign the URL again",
    wire: {
      ...everywhere({ code: 'RequestExpired', json: 'InvalidSignatureException', status: 400 }),
      kms: { code: 'InvalidSignatureException', status: 400 },
    },
  },
  AccessDenied: {
    className: 'AccessDeniedError',
    fault: 'Sender',
    retryable: false,
    hint: 'Grant the caller this action in IAM or the resource policy',
    wire: {
      sqs: { code: 'AccessDenied', json: 'AccessDeniedException', status: 403 },
      sns: { code: 'AuthorizationError', status: 403 },
      kms: { code: 'AccessDeniedException', status: 400, reportedAs: true },
    },
    accepts: {
      sqs: ['AccessDeniedException', 'InvalidSecurity'],
      sns: ['AuthorizationErrorException', 'AccessDenied', 'AccessDeniedException'],
    },
  },
  RequestThrottled: {
    className: 'RequestThrottledError',
    fault: 'Sender',
    retryable: true,
    hint: 'Slow down; the SDK retry strategy (maxAttempts/retryMode in the client config) retries throttled calls',
    wire: {
      sqs: { code: 'RequestThrottled', status: 403 },
      sns: { code: 'Throttled', status: 429 },
    },
    accepts: {
      sqs: ['Throttling', 'ThrottlingException', 'TooManyRequestsException'],
      sns: ['ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException'],
      kms: ['Throttling', 'TooManyRequestsException'],
    },
  },
  InternalFailure: {
    className: 'InternalFailureError',
    fault: 'Receiver',
    retryable: true,
    hint: 'The service failed internally; retry later',
    wire: {
      sqs: {
        code: 'InternalFailure',
        status: 500,
        text: INTERNAL_TEXT,
        source: 'api (Common Errors)',
      },
      sns: {
        code: 'InternalError',
        status: 500,
        text: INTERNAL_TEXT,
        source: 'api (Common Errors)',
      },
      kms: {
        code: 'InternalFailure',
        status: 500,
        text: INTERNAL_TEXT,
        source: 'api (Common Errors)',
      },
    },
    accepts: {
      sqs: ['InternalError', 'InternalServerError'],
      sns: ['InternalErrorException', 'InternalFailure', 'InternalServerError'],
      kms: ['InternalError', 'InternalServerError'],
    },
  },
  ServiceUnavailable: {
    className: 'ServiceUnavailableError',
    fault: 'Receiver',
    retryable: true,
    hint: 'The service or the connection to it is unavailable; check the endpoint and network, then retry',
    wire: everywhere({
      code: 'ServiceUnavailable',
      status: 503,
      text: 'The request has failed due to a temporary failure of the server.',
      source: 'api (Common Errors: ServiceUnavailable)',
    }),
    accepts: { sqs: ['ServiceUnavailableException'], sns: ['ServiceUnavailableException'] },
  },
  BrokerClosed: {
    className: 'BrokerClosedError',
    fault: 'Receiver',
    retryable: false,
    hint: 'The broker was closed (the gateway is shutting down); create a new broker or retry against a running gateway',
    // A client of a gateway that is shutting down should retry elsewhere or later.
    wire: everywhere({
      code: 'ServiceUnavailable',
      status: 503,
      text: 'The request has failed due to a temporary failure of the server.',
      source: 'api (Common Errors: ServiceUnavailable)',
      reportedAs: true,
    }),
  },
  DatabaseNotFound: {
    className: 'DatabaseNotFoundError',
    fault: 'Sender',
    retryable: false,
    hint: 'Check the path, or create the database first (a command that only reads never creates one)',
    wire: {},
  },
  UnknownOption: {
    className: 'UnknownOptionError',
    fault: 'Sender',
    retryable: false,
    hint: 'Remove the option or rename it to the known one the message suggests',
    // Raised by the JavaScript API before any request is built: never on the wire.
    wire: {},
  },
  AwsServiceError: {
    className: 'AwsServiceError',
    fault: 'Sender',
    retryable: false,
    hint: 'AWS answered with a code sealbus has no class for; see `awsCode` and the AWS documentation of the action',
    // Goes out under the AWS code it carries (`awsCode`).
    wire: {},
  },

  ResourceDrift: {
    className: 'ResourceDriftError',
    fault: 'Sender',
    retryable: false,
    hint: 'The resource exists with other attributes: update them, or choose the onDrift policy of ensureQueue/ensureTopic',
    wire: {},
    owner: '@sealbus/aws',
  },
  EnvelopeFormat: {
    className: 'EnvelopeFormatError',
    fault: 'Sender',
    retryable: false,
    hint: 'The body is not a sealbus envelope (or a newer version of one); check what produced it',
    wire: {},
    owner: '@sealbus/envelope',
  },
  EnvelopeIntegrity: {
    className: 'EnvelopeIntegrityError',
    fault: 'Sender',
    retryable: false,
    hint: 'The envelope fails authentication: it was altered, or its encryption context differs',
    wire: {},
    owner: '@sealbus/envelope',
  },
  'Sealbus.DuplicateHandler': {
    className: 'DuplicateHandlerError',
    fault: 'Sender',
    retryable: false,
    hint: 'Register one handler per queue and compose behaviour with middleware',
    wire: {},
    owner: '@sealbus/worker',
  },
  'Sealbus.HandlerTimeout': {
    className: 'HandlerTimeoutError',
    fault: 'Sender',
    retryable: true,
    hint: 'Raise handlerTimeoutMs or make the handler honour context.signal',
    wire: {},
    owner: '@sealbus/worker',
  },
  'Sealbus.MessageMoveFailed': {
    className: 'MessageMoveFailedError',
    fault: 'Sender',
    retryable: false,
    hint: 'Fix the cause and start the move again; moved messages stay moved',
    wire: {},
    owner: '@sealbus/worker',
  },
  'Sealbus.UnrecoverableError': {
    className: 'UnrecoverableError',
    fault: 'Sender',
    retryable: false,
    hint: 'The handler refused the message for good: it goes to the dead-letter queue without retries',
    wire: {},
    owner: '@sealbus/worker',
  },
  'Sealbus.PayloadValidationError': {
    className: 'PayloadValidationError',
    fault: 'Sender',
    retryable: false,
    hint: "The message does not match the handler's schema; fix the producer",
    wire: {},
    owner: '@sealbus/worker',
  },
  'Sealbus.WorkerState': {
    className: 'WorkerStateError',
    fault: 'Sender',
    retryable: false,
    hint: 'The worker is not in a state that allows this call (e.g. started twice, or closed)',
    wire: {},
    owner: '@sealbus/worker',
  },

  // ---- Parameters ----
  InvalidParameterValue: {
    className: 'InvalidParameterValueError',
    fault: 'Sender',
    retryable: false,
    hint: 'Fix the named parameter: the message names the field, the limit and the value',
    wire: {
      sqs: {
        code: 'InvalidParameterValue',
        status: 400,
        text: 'Value {value} for parameter {parameter} is invalid. Reason: {reason}',
        source: 're:Post (SQS DeleteMessage errors); compat',
      },
      sns: SNS_INVALID_PARAMETER,
      kms: KMS_VALIDATION,
    },
  },
  MissingParameter: {
    className: 'MissingParameterError',
    fault: 'Sender',
    retryable: false,
    hint: 'Pass the missing parameter',
    wire: {
      sqs: {
        code: 'MissingParameter',
        status: 400,
        text: 'The request must contain the parameter {field}.',
        source: 'compat',
      },
      sns: SNS_INVALID_PARAMETER,
      kms: KMS_VALIDATION,
    },
  },
  InvalidParameter: {
    className: 'InvalidParameterError',
    fault: 'Sender',
    retryable: false,
    hint: 'Fix the named parameter',
    wire: {
      sqs: { code: 'InvalidParameterValue', status: 400, reportedAs: true },
      sns: SNS_INVALID_PARAMETER_SPEC,
      kms: KMS_VALIDATION,
    },
    accepts: {
      sns: [
        'InvalidParameterException',
        'InvalidParameterValue',
        'InvalidParameterValueException',
        'ParameterValueInvalid',
      ],
    },
  },

  // ---- SQS ----
  QueueDoesNotExist: {
    className: 'QueueDoesNotExistError',
    fault: 'Sender',
    retryable: false,
    hint: 'Create the queue (createQueue/ensureQueue) or check its name, region and account',
    wire: {
      sqs: {
        code: 'AWS.SimpleQueueService.NonExistentQueue',
        json: 'QueueDoesNotExist',
        status: 400,
        text: 'The specified queue does not exist.',
        source: 'api (QueueDoesNotExist); compat',
      },
      sns: { code: 'NotFound', status: 404, reportedAs: true },
    },
  },
  QueueNameExists: {
    className: 'QueueNameExistsError',
    fault: 'Sender',
    retryable: false,
    hint: 'A queue of this name exists with other attributes; use setAttributes, or ensureQueue with onDrift',
    wire: {
      sqs: {
        code: 'QueueAlreadyExists',
        json: 'QueueNameExists',
        status: 400,
        text: 'A queue already exists with the same name and a different value for attribute {field}',
        source: 'compat',
      },
    },
  },
  InvalidAttributeName: {
    className: 'InvalidAttributeNameError',
    fault: 'Sender',
    retryable: false,
    hint: 'Use a queue attribute name SQS knows for this queue type',
    wire: {
      sqs: {
        code: 'InvalidAttributeName',
        status: 400,
        text: 'Unknown Attribute {field}.',
        source: 'compat',
      },
      sns: SNS_INVALID_PARAMETER,
    },
  },
  InvalidAttributeValue: {
    className: 'InvalidAttributeValueError',
    fault: 'Sender',
    retryable: false,
    hint: 'Fix the attribute value to lie within the SQS limits',
    wire: {
      sqs: {
        code: 'InvalidAttributeValue',
        status: 400,
        text: 'Invalid value for the parameter {field}.',
        source: 'compat',
      },
      sns: SNS_INVALID_PARAMETER,
    },
  },
  InvalidMessageContents: {
    className: 'InvalidMessageContentsError',
    fault: 'Sender',
    retryable: false,
    hint: 'Bodies may hold only #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF; encode binary data as base64',
    wire: { sqs: { code: 'InvalidMessageContents', status: 400 }, sns: SNS_INVALID_PARAMETER },
  },
  ReceiptHandleIsInvalid: {
    className: 'ReceiptHandleIsInvalidError',
    fault: 'Sender',
    retryable: false,
    hint: 'Use the receipt handle of the latest receive of this message',
    wire: {
      sqs: {
        code: 'ReceiptHandleIsInvalid',
        status: 404,
        text: 'The input receipt handle "{receiptHandle}" is not a valid receipt handle.',
        source: 're:Post (SQS DeleteMessage errors); compat',
      },
    },
  },
  MessageNotInflight: {
    className: 'MessageNotInflightError',
    fault: 'Sender',
    retryable: false,
    hint: 'The message is not in flight; receive it again before changing its visibility',
    wire: { sqs: sqsPrefixed('MessageNotInflight') },
  },
  PurgeQueueInProgress: {
    className: 'PurgeQueueInProgressError',
    fault: 'Sender',
    retryable: false,
    hint: 'Only one purge per queue every 60 seconds is allowed; wait and retry',
    wire: {
      sqs: {
        ...sqsPrefixed(
          'PurgeQueueInProgress',
          'Only one PurgeQueue operation on {queueName} is allowed every 60 seconds.',
          'compat',
        ),
        status: 403,
      },
    },
  },
  TooManyEntriesInBatchRequest: {
    className: 'TooManyEntriesInBatchRequestError',
    fault: 'Sender',
    retryable: false,
    hint: 'Send at most 10 entries per batch; split the batch',
    wire: {
      sqs: sqsPrefixed(
        'TooManyEntriesInBatchRequest',
        'Maximum number of entries per request are 10. You have sent {count}.',
        'compat',
      ),
      sns: { code: 'TooManyEntriesInBatchRequest', status: 400 },
    },
  },
  EmptyBatchRequest: {
    className: 'EmptyBatchRequestError',
    fault: 'Sender',
    retryable: false,
    hint: 'Send at least one entry',
    wire: {
      sqs: sqsPrefixed(
        'EmptyBatchRequest',
        'There should be at least one {action}RequestEntry in the request.',
        'compat',
      ),
      sns: { code: 'EmptyBatchRequest', status: 400 },
    },
  },
  BatchEntryIdsNotDistinct: {
    className: 'BatchEntryIdsNotDistinctError',
    fault: 'Sender',
    retryable: false,
    hint: 'Give every batch entry its own Id',
    wire: {
      sqs: sqsPrefixed('BatchEntryIdsNotDistinct', 'Id {id} repeated.', 'compat'),
      sns: { code: 'BatchEntryIdsNotDistinct', status: 400 },
    },
  },
  InvalidBatchEntryId: {
    className: 'InvalidBatchEntryIdError',
    fault: 'Sender',
    retryable: false,
    hint: 'Batch entry ids are 1-80 characters of A-Z, a-z, 0-9, hyphen or underscore',
    wire: {
      sqs: sqsPrefixed(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
        'compat',
      ),
      sns: { code: 'InvalidBatchEntryId', status: 400 },
    },
  },
  BatchRequestTooLong: {
    className: 'BatchRequestTooLongError',
    fault: 'Sender',
    retryable: false,
    hint: 'Send fewer or smaller entries (SQS: 1 MiB per batch, SNS: 256 KiB)',
    wire: {
      sqs: sqsPrefixed(
        'BatchRequestTooLong',
        'Batch requests cannot be longer than {limit} bytes. You have sent {size} bytes.',
        'compat',
      ),
      sns: { code: 'BatchRequestTooLong', status: 400 },
    },
  },
  UnsupportedOperation: {
    className: 'UnsupportedOperationError',
    fault: 'Sender',
    retryable: false,
    hint: 'This operation is not supported for this queue',
    wire: { sqs: sqsPrefixed('UnsupportedOperation') },
  },
  ResourceNotFoundException: {
    className: 'ResourceNotFoundError',
    fault: 'Sender',
    retryable: false,
    hint: 'The move task or resource does not exist; list tasks with listMessageMoveTasks',
    wire: {
      sqs: { code: 'ResourceNotFoundException', status: 404 },
      sns: { code: 'NotFound', status: 404, reportedAs: true },
    },
  },
  OverLimit: {
    className: 'OverLimitError',
    fault: 'Sender',
    retryable: false,
    hint: 'Too many in-flight messages or tags; delete messages or tags first',
    wire: { sqs: { code: 'OverLimit', status: 403 } },
  },

  // ---- SNS ----
  NotFound: {
    className: 'NotFoundError',
    fault: 'Sender',
    retryable: false,
    hint: 'Create the topic (createTopic/ensureTopic) or subscription, or check the ARN',
    wire: {
      sns: {
        code: 'NotFound',
        status: 404,
        text: {
          TopicArn: 'Topic does not exist',
          SubscriptionArn: 'Subscription does not exist',
          PlatformApplicationArn: 'PlatformApplication does not exist',
          EndpointArn: 'Endpoint does not exist',
        },
        source: 'compat',
      },
    },
  },
  FilterPolicyLimitExceeded: {
    className: 'FilterPolicyLimitExceededError',
    fault: 'Sender',
    retryable: false,
    hint: 'Simplify the filter policy or ask AWS for a higher limit',
    wire: { sns: { code: 'FilterPolicyLimitExceeded', status: 403 } },
  },
  ResourceNotFound: {
    className: 'SnsResourceNotFoundError',
    fault: 'Sender',
    retryable: false,
    hint: 'The resource a tagging or permission action names does not exist; check the ARN',
    wire: {
      sns: {
        code: 'ResourceNotFound',
        status: 404,
        text: 'Resource does not exist',
        source: 'compat',
      },
    },
  },
  TagLimitExceeded: {
    className: 'TagLimitExceededError',
    fault: 'Sender',
    retryable: false,
    hint: 'A topic carries at most 50 tags; remove some with untagResource first',
    wire: { sns: { code: 'TagLimitExceeded', status: 400 } },
  },

  EndpointDisabled: {
    className: 'EndpointDisabledError',
    fault: 'Sender',
    retryable: false,
    hint: 'The platform endpoint is disabled (Enabled=false); update its Token and set Enabled=true with setEndpointAttributes',
    wire: {
      sns: {
        code: 'EndpointDisabled',
        status: 400,
        text: 'Endpoint is disabled',
        source: 'compat',
      },
    },
    accepts: { sns: ['EndpointDisabledException'] },
  },

  // ---- KMS (SQS and SNS report them under their own names) ----
  'KMS.DisabledException': {
    className: 'KmsDisabledError',
    fault: 'Sender',
    retryable: false,
    hint: KMS_HINT.disabled,
    wire: kmsFailure('KmsDisabled', 'KMSDisabled', 'DisabledException'),
  },
  'KMS.AccessDeniedException': {
    className: 'KmsAccessDeniedError',
    fault: 'Sender',
    retryable: false,
    hint: KMS_HINT.accessDenied,
    wire: kmsFailure('KmsAccessDenied', 'KMSAccessDenied', 'AccessDeniedException'),
  },
  'KMS.NotFoundException': {
    className: 'KmsNotFoundError',
    fault: 'Sender',
    retryable: false,
    hint: KMS_HINT.notFound,
    wire: kmsFailure('KmsNotFound', 'KMSNotFound', 'NotFoundException'),
  },
  'KMS.InvalidStateException': {
    className: 'KmsInvalidStateError',
    fault: 'Sender',
    retryable: false,
    hint: KMS_HINT.invalidState,
    wire: kmsFailure('KmsInvalidState', 'KMSInvalidState', 'KMSInvalidStateException'),
  },
  'KMS.ThrottlingException': {
    className: 'KmsThrottlingError',
    fault: 'Sender',
    retryable: true,
    hint: KMS_HINT.throttled,
    wire: kmsFailure('KmsThrottled', 'KMSThrottling', 'ThrottlingException'),
  },
  'KMS.OptInRequired': {
    className: 'KmsOptInRequiredError',
    fault: 'Sender',
    retryable: false,
    hint: 'The account has not opted in to this KMS key type or region; use another key or opt in',
    wire: kmsFailure('KmsOptInRequired', 'KMSOptInRequired', 'OptInRequired', 403),
    accepts: { kms: ['KMSOptInRequired'] },
  },
  'KMS.InvalidKeyUsageException': {
    className: 'KmsInvalidKeyUsageError',
    fault: 'Sender',
    retryable: false,
    hint: 'Use a symmetric ENCRYPT_DECRYPT key',
    wire: kmsFailure('KmsInvalidKeyUsage', undefined, 'InvalidKeyUsageException'),
  },
  'KMS.InvalidCiphertextException': {
    className: 'KmsInvalidCiphertextError',
    fault: 'Sender',
    retryable: false,
    hint: 'The ciphertext is corrupt or its encryption context differs from the one it was sealed with',
    wire: kmsFailure(undefined, undefined, 'InvalidCiphertextException'),
  },
  'KMS.IncorrectKeyException': {
    className: 'KmsIncorrectKeyError',
    fault: 'Sender',
    retryable: false,
    hint: 'The ciphertext belongs to another key than the one named',
    wire: kmsFailure(undefined, undefined, 'IncorrectKeyException'),
  },
  'KMS.AlreadyExistsException': {
    className: 'KmsAlreadyExistsError',
    fault: 'Sender',
    retryable: false,
    hint: 'Use another name, or update the existing alias',
    wire: kmsFailure(undefined, undefined, 'AlreadyExistsException'),
  },
  'KMS.InvalidAliasNameException': {
    className: 'KmsInvalidAliasNameError',
    fault: 'Sender',
    retryable: false,
    hint: 'Aliases are alias/ followed by A-Z, a-z, 0-9, /, _ or -',
    wire: kmsFailure(undefined, undefined, 'InvalidAliasNameException'),
  },
  'KMS.InvalidArnException': {
    className: 'KmsInvalidArnError',
    fault: 'Sender',
    retryable: false,
    hint: 'Pass a well-formed KMS key ARN',
    wire: kmsFailure(undefined, undefined, 'InvalidArnException'),
  },
  'KMS.InvalidMarkerException': {
    className: 'KmsInvalidMarkerError',
    fault: 'Sender',
    retryable: false,
    hint: 'Pass a marker from an earlier List response',
    wire: kmsFailure(undefined, undefined, 'InvalidMarkerException'),
  },
  'KMS.MalformedPolicyDocumentException': {
    className: 'KmsMalformedPolicyDocumentError',
    fault: 'Sender',
    retryable: false,
    hint: 'Fix the key policy JSON',
    wire: kmsFailure(undefined, undefined, 'MalformedPolicyDocumentException'),
  },
  'KMS.ValidationException': {
    className: 'KmsValidationError',
    fault: 'Sender',
    retryable: false,
    hint: 'Fix the request parameters',
    wire: kmsFailure(undefined, undefined, 'ValidationException'),
  },
  'KMS.UnsupportedOperationException': {
    className: 'KmsUnsupportedOperationError',
    fault: 'Sender',
    retryable: false,
    hint: 'The key (or this local KMS) does not support this operation',
    wire: kmsFailure(undefined, undefined, 'UnsupportedOperationException'),
  },
  'KMS.KMSInternalException': {
    className: 'KmsInternalError',
    fault: 'Receiver',
    retryable: true,
    hint: 'KMS failed internally; retry later',
    wire: kmsFailure(undefined, undefined, 'KMSInternalException', 500),
    accepts: { kms: ['DependencyTimeoutException'] },
  },
  'KMS.KeyUnavailableException': {
    className: 'KmsKeyUnavailableError',
    fault: 'Receiver',
    retryable: true,
    hint: 'The key material is temporarily unavailable; retry later',
    wire: kmsFailure(undefined, undefined, 'KeyUnavailableException', 500),
  },
  'KMS.KMSInvalidSignatureException': {
    className: 'KmsInvalidSignatureError',
    fault: 'Sender',
    retryable: false,
    hint: 'The signature does not verify under this key, algorithm and message',
    wire: kmsFailure(undefined, undefined, 'KMSInvalidSignatureException'),
  },
  'KMS.KMSInvalidMacException': {
    className: 'KmsInvalidMacError',
    fault: 'Sender',
    retryable: false,
    hint: 'The MAC does not verify under this HMAC key, algorithm and message',
    wire: kmsFailure(undefined, undefined, 'KMSInvalidMacException'),
  },
  'KMS.LimitExceededException': {
    className: 'KmsLimitExceededError',
    fault: 'Sender',
    retryable: false,
    hint: 'A KMS quota was exceeded (tags or grants per key); remove some first',
    wire: kmsFailure(undefined, undefined, 'LimitExceededException'),
  },
  'KMS.TagException': {
    className: 'KmsTagError',
    fault: 'Sender',
    retryable: false,
    hint: 'Tag keys and values must not start with aws: and must fit the length and character rules',
    wire: kmsFailure(undefined, undefined, 'TagException'),
  },
  'KMS.InvalidGrantTokenException': {
    className: 'KmsInvalidGrantTokenError',
    fault: 'Sender',
    retryable: false,
    hint: 'Pass a grant token returned by CreateGrant',
    wire: kmsFailure(undefined, undefined, 'InvalidGrantTokenException'),
  },
  'KMS.InvalidGrantIdException': {
    className: 'KmsInvalidGrantIdError',
    fault: 'Sender',
    retryable: false,
    hint: 'Pass a grant id returned by CreateGrant or ListGrants',
    wire: kmsFailure(undefined, undefined, 'InvalidGrantIdException'),
  },
  'KMS.NotAuthorizedException': {
    className: 'KmsNotAuthorizedError',
    fault: 'Sender',
    retryable: false,
    hint: 'The caller may not act on this resource at all (e.g. an alias reserved for AWS)',
    wire: kmsFailure(undefined, undefined, 'NotAuthorizedException'),
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every sealbus error code: the AWS code (`QueueDoesNotExist`, `KMS.DisabledException`, …) or sealbus's own. */
export type SealbusErrorCode = keyof typeof ERROR_CATALOGUE;

/** The class name of each code, as a literal. */
export type SealbusErrorClassName<C extends SealbusErrorCode> =
  (typeof ERROR_CATALOGUE)[C]['className'];

/** The codes whose classes live outside core (`owner`). */
export type ExternalErrorCode = {
  [C in SealbusErrorCode]: (typeof ERROR_CATALOGUE)[C] extends { owner: string } ? C : never;
}[SealbusErrorCode];

export const SEALBUS_ERROR_CODES = Object.keys(ERROR_CATALOGUE) as readonly SealbusErrorCode[];

/** The catalogue entry of a code, typed for reading. */
export function catalogueEntry(code: SealbusErrorCode): CatalogueEntry {
  return ERROR_CATALOGUE[code];
}

export function isSealbusErrorCode(code: string): code is SealbusErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}
