import { describeValue, InvalidAttributeValueError } from '@sealbus/core';

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

/** The statement sealbus adds: SNS may send to the queue only on behalf of this topic. */
export function topicSendStatement(queueArn: string, topicArn: string): PolicyStatement {
  return {
    Sid: `sealbus-sns-${topicArn.split(':').slice(3).join('-')}`.slice(0, 128),
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
  };
}

/**
 * The queue `Policy` that lets `topicArn` send to `queueArn`, merged into the queue's existing
 * policy (its other statements kept). Returns `undefined` when the existing policy already
 * allows the topic, so no `SetQueueAttributes` is needed.
 */
export function mergeTopicSendPolicy(
  existing: string | undefined,
  queueArn: string,
  topicArn: string,
): string | undefined {
  const document = parsePolicy(existing);
  const statements =
    document.Statement === undefined
      ? []
      : Array.isArray(document.Statement)
        ? document.Statement
        : [document.Statement];
  if (statements.some((statement) => allowsTopic(statement, topicArn))) return undefined;
  const merged: PolicyDocument = {
    Version: '2012-10-17',
    ...document,
    Statement: [...statements, topicSendStatement(queueArn, topicArn)],
  };
  return JSON.stringify(merged);
}

function parsePolicy(existing: string | undefined): PolicyDocument {
  if (existing === undefined || existing === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(existing);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidAttributeValueError(
      `The queue's Policy must be a JSON policy document to add the SNS send permission; got ${describeValue(existing)}. Fix or clear the queue Policy`,
      { field: 'Policy' },
    );
  }
  return parsed as PolicyDocument;
}

function allowsTopic(statement: PolicyStatement, topicArn: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  const actions = toArray(statement.Action);
  if (!actions.some((action) => ['sqs:SendMessage', 'sqs:*', '*'].includes(action))) return false;
  for (const operator of ['ArnEquals', 'ArnLike', 'StringEquals', 'StringLike']) {
    const sources = toArray(statement.Condition?.[operator]?.['aws:SourceArn']);
    if (sources.includes(topicArn)) return true;
  }
  return false;
}

function toArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
