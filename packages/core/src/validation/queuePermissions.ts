import {
  InvalidParameterValueError,
  MissingParameterError,
  OverLimitError,
} from '../errors/sqs.js';

/**
 * SQS `AddPermission` / `RemovePermission`: they edit the queue's `Policy` attribute. Pure
 * functions from the current policy text to the new one; the texts and codes are SQS's.
 */

/** "An Amazon SQS policy can have a maximum of seven actions per statement." */
export const MAX_PERMISSION_ACTIONS = 7;
/** SQS policy quota: at most 20 statements. */
export const MAX_POLICY_STATEMENTS = 20;
export const MAX_PERMISSION_LABEL_LENGTH = 80;

/**
 * The actions `AddPermission` may grant. The others (`CreateQueue`, `SetQueueAttributes`,
 * `AddPermission`, …) are the queue owner's alone. Granting `SendMessage`, `DeleteMessage` or
 * `ChangeMessageVisibility` also grants its batch form.
 */
export const GRANTABLE_QUEUE_ACTIONS = [
  '*',
  'ChangeMessageVisibility',
  'DeleteMessage',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ReceiveMessage',
  'SendMessage',
] as const;

export interface QueuePermission {
  /** The statement's `Sid`: 1–80 of `[A-Za-z0-9_-]`, unique in the policy. */
  label: string;
  /** 12-digit account ids, each becomes `arn:aws:iam::<id>:root`. */
  awsAccountIds: readonly string[];
  /** Names from `GRANTABLE_QUEUE_ACTIONS`, at most 7. */
  actions: readonly string[];
}

const LABEL = /^[A-Za-z0-9_-]{1,80}$/;
const ACCOUNT_ID = /^\d{12}$/;

interface PolicyDocument {
  Version: string;
  Id?: string;
  Statement: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** The queue policy with a statement that allows `permission`, as SQS's AddPermission writes it. */
export function addPermissionStatement(
  policy: string | undefined,
  permission: QueuePermission,
  queueArn: string,
): string {
  const { label, awsAccountIds, actions } = permission;
  validatePermissionLabel(label);
  if (!Array.isArray(actions) || actions.length === 0) {
    throw new MissingParameterError('The request must contain the parameter Actions.', {
      field: 'Actions',
    });
  }
  if (!Array.isArray(awsAccountIds) || awsAccountIds.length === 0) {
    throw new InvalidParameterValueError(
      'Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.',
      { field: 'AWSAccountIds' },
    );
  }
  if (actions.length > MAX_PERMISSION_ACTIONS) {
    throw new OverLimitError(
      `${actions.length} Actions were found, maximum allowed is ${MAX_PERMISSION_ACTIONS}.`,
      { field: 'Actions' },
    );
  }
  for (const action of actions) {
    if (!(GRANTABLE_QUEUE_ACTIONS as readonly unknown[]).includes(action)) {
      throw new InvalidParameterValueError(
        `Value SQS:${String(action)} for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.`,
        { field: 'Actions' },
      );
    }
  }
  for (const accountId of awsAccountIds) {
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) {
      throw new InvalidParameterValueError(
        `Value ${String(accountId)} for parameter PrincipalId is invalid. Reason: Unable to verify.`,
        { field: 'AWSAccountIds' },
      );
    }
  }
  const document = parsePolicy(policy, queueArn);
  if (document.Statement.some((statement) => statement.Sid === label)) {
    throw new InvalidParameterValueError(
      `Value ${label} for parameter Label is invalid. Reason: Already exists.`,
      { field: 'Label' },
    );
  }
  const count = document.Statement.length + 1;
  if (count > MAX_POLICY_STATEMENTS) {
    throw new OverLimitError(
      `${count} Statements were found, maximum allowed is ${MAX_POLICY_STATEMENTS}.`,
      { field: 'Label' },
    );
  }
  const principals = awsAccountIds.map((id) => `arn:${partitionOf(queueArn)}:iam::${id}:root`);
  const granted = actions.map((action) => `SQS:${action}`);
  document.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? principals[0] : principals },
    Action: granted.length === 1 ? granted[0] : granted,
    Resource: queueArn,
  });
  return JSON.stringify(document);
}

/**
 * The queue policy without the statement `label`, or `''` (no policy) when it was the last one,
 * as SQS's RemovePermission leaves it.
 */
export function removePermissionStatement(policy: string | undefined, label: string): string {
  validatePermissionLabel(label);
  const document = parsePolicy(policy, '');
  const kept = document.Statement.filter((statement) => statement.Sid !== label);
  if (kept.length === document.Statement.length) {
    throw new InvalidParameterValueError(
      `Value ${label} for parameter Label is invalid. Reason: can't find label on existing policy.`,
      { field: 'Label' },
    );
  }
  return kept.length === 0 ? '' : JSON.stringify({ ...document, Statement: kept });
}

/** A permission label: present (`MissingParameter`) and 1–80 of `[A-Za-z0-9_-]`. */
export function validatePermissionLabel(label: string): void {
  if (typeof label !== 'string' || label.length === 0) {
    throw new MissingParameterError('The request must contain the parameter Label.', {
      field: 'Label',
    });
  }
  if (!LABEL.test(label)) {
    throw new InvalidParameterValueError(
      `Value ${label} for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to ${MAX_PERMISSION_LABEL_LENGTH} in length.`,
      { field: 'Label' },
    );
  }
}

/** The stored policy, or SQS's empty default policy of the queue; one statement becomes a list. */
function parsePolicy(policy: string | undefined, queueArn: string): PolicyDocument {
  if (policy === undefined || policy === '') {
    return { Version: '2012-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
  }
  // Stored policies passed attribute validation: a JSON object.
  const document = JSON.parse(policy) as PolicyDocument;
  const statement = document.Statement as unknown;
  const statements = Array.isArray(statement)
    ? (statement as Array<Record<string, unknown>>)
    : statement === undefined
      ? []
      : [statement as Record<string, unknown>];
  return { ...document, Statement: statements };
}

function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}
