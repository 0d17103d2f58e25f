import {
  describeValue,
  InvalidParameterError,
  parseArn,
  type TopicPermission,
} from '@sealbus/core';

/** The actions SNS's default topic policy grants the owner account. */
const DEFAULT_POLICY_ACTIONS = [
  'SNS:GetTopicAttributes',
  'SNS:SetTopicAttributes',
  'SNS:AddPermission',
  'SNS:RemovePermission',
  'SNS:DeleteTopic',
  'SNS:Subscribe',
  'SNS:ListSubscriptionsByTopic',
  'SNS:Publish',
];

const ACCOUNT_ID = /^\d{12}$/;

interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Array<Record<string, unknown>>;
}

/** The policy SNS gives every new topic: the owner account may do everything on it. */
export function defaultTopicPolicy(topicArn: string): string {
  const owner = parseArn(topicArn, 'TopicArn').accountId;
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: DEFAULT_POLICY_ACTIONS,
        Resource: topicArn,
        Condition: { StringEquals: { 'AWS:SourceOwner': owner } },
      },
    ],
  });
}

/**
 * `policy` with an `Allow` statement for `permission` appended, as SNS `AddPermission` writes it.
 * A label already used is refused (SNS: `Statement already exists`).
 */
export function withPermission(
  policy: string,
  topicArn: string,
  permission: TopicPermission,
): string {
  const { label, accountIds, actions } = permission;
  if (label === '') {
    throw new InvalidParameterError('Invalid parameter: Label', { field: 'Label' });
  }
  if (accountIds.length === 0) {
    throw new InvalidParameterError('Invalid parameter: AWSAccountId', { field: 'AWSAccountId' });
  }
  for (const id of accountIds) {
    if (!ACCOUNT_ID.test(id)) {
      throw new InvalidParameterError(
        `Invalid parameter: AWSAccountId: ${describeValue(id)} is not a 12-digit account id`,
        { field: 'AWSAccountId' },
      );
    }
  }
  if (actions.length === 0) {
    throw new InvalidParameterError('Invalid parameter: ActionName', { field: 'ActionName' });
  }
  const document = parsePolicy(policy);
  if (document.Statement.some((statement) => statement.Sid === label)) {
    throw new InvalidParameterError('Invalid parameter: Statement already exists', {
      field: 'Label',
    });
  }
  document.Statement.push({
    Sid: label,
    Effect: 'Allow',
    Principal: {
      AWS: accountIds.map((id) => `arn:aws:iam::${id}:root`),
    },
    Action: actions.map((action) => `SNS:${action}`),
    Resource: topicArn,
  });
  return JSON.stringify(document);
}

/** `policy` without the statement labelled `label`; SNS removes an absent label silently. */
export function withoutPermission(policy: string, label: string): string {
  const document = parsePolicy(policy);
  document.Statement = document.Statement.filter((statement) => statement.Sid !== label);
  return JSON.stringify(document);
}

function parsePolicy(policy: string): PolicyDocument {
  const parsed = JSON.parse(policy) as Partial<PolicyDocument>;
  const statement = parsed.Statement as unknown;
  // IAM allows a single statement object where a list is expected.
  const statements = Array.isArray(statement) ? [...statement] : statement ? [statement] : [];
  return { ...parsed, Statement: statements as PolicyDocument['Statement'] };
}
