import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addPermissionStatement, removePermissionStatement } from './queuePermissions.js';

const ARN = 'arn:aws:sqs:eu-west-1:123456789012:orders';
const grant = { label: 'L', awsAccountIds: ['111111111111'], actions: ['SendMessage'] };

/** Each case names the SQS AddPermission/RemovePermission rule and AWS's code and text. */
describe('addPermissionStatement', () => {
  it.each([
    [
      'Label is required',
      { ...grant, label: '' },
      'MissingParameter',
      'The request must contain the parameter Label.',
    ],
    [
      'Label: maximum 80 of alphanumerics, hyphens and underscores',
      { ...grant, label: 'a b' },
      'InvalidParameterValue',
      'Value a b for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.',
    ],
    [
      'Actions is required',
      { ...grant, actions: [] },
      'MissingParameter',
      'The request must contain the parameter Actions.',
    ],
    [
      'AWSAccountIds is required',
      { ...grant, awsAccountIds: [] },
      'InvalidParameterValue',
      'Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.',
    ],
    [
      'a maximum of seven actions per statement',
      { ...grant, actions: Array.from({ length: 8 }, () => 'SendMessage') },
      'OverLimit',
      '8 Actions were found, maximum allowed is 7.',
    ],
    [
      'only queue actions others may call can be granted',
      { ...grant, actions: ['SetQueueAttributes'] },
      'InvalidParameterValue',
      'Value SQS:SetQueueAttributes for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.',
    ],
  ])('%s', (_rule, permission, code, message) => {
    expect(() => addPermissionStatement(undefined, permission, ARN)).toThrow(
      expect.objectContaining({ code, message }),
    );
  });

  it('keeps the partition of the queue ARN in principals and a policy written by hand', () => {
    const own = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Sid: 'Mine', Effect: 'Deny' },
    });
    const policy = JSON.parse(
      addPermissionStatement(own, grant, 'arn:aws-cn:sqs:cn-north-1:123456789012:q'),
    );
    expect(policy.Statement).toEqual([
      { Sid: 'Mine', Effect: 'Deny' },
      {
        Sid: 'L',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws-cn:iam::111111111111:root' },
        Action: 'SQS:SendMessage',
        Resource: 'arn:aws-cn:sqs:cn-north-1:123456789012:q',
      },
    ]);
  });

  it('refuses a 21st statement (SQS policy quota: 20 statements)', () => {
    let policy: string | undefined;
    for (let i = 0; i < 20; i++)
      policy = addPermissionStatement(policy, { ...grant, label: `s${i}` }, ARN);
    expect(() => addPermissionStatement(policy, { ...grant, label: 's20' }, ARN)).toThrow(
      expect.objectContaining({
        code: 'OverLimit',
        message: '21 Statements were found, maximum allowed is 20.',
      }),
    );
  });

  it('adding then removing distinct labels leaves no policy', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/), { minLength: 1, maxLength: 20 }),
        (labels) => {
          let policy: string | undefined;
          for (const label of labels)
            policy = addPermissionStatement(policy, { ...grant, label }, ARN);
          expect(JSON.parse(policy!).Statement.map((s: { Sid: string }) => s.Sid)).toEqual(labels);
          for (const label of labels) policy = removePermissionStatement(policy, label);
          expect(policy).toBe('');
        },
      ),
      { numRuns: 50 },
    );
  });
});
