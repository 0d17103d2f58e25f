/**
 * `policy` (a key policy document) with one more statement that denies `action` to `principal`:
 * how conformance key admins over any KMS take a permission away.
 */
export function withDenyStatement(policy: string, principal: string, action: string): string {
  const document = JSON.parse(policy) as { Statement: unknown[] | unknown };
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  statements.push({
    Sid: `Deny ${action} to ${principal}`,
    Effect: 'Deny',
    Principal: { AWS: principal },
    Action: action,
    Resource: '*',
  });
  return JSON.stringify({ ...document, Statement: statements });
}
