/** What the demo needs from a KMS beyond `KeyProvider`: its own keys and one restrictive policy. */
export interface KeyAdmin {
  /** The ARN of the key behind `alias`, created with `description` when the alias is new. */
  ensureKey(alias: string, description: string): Promise<string>;
  /** Key policy: everyone may use the key except `principal`, which may not decrypt. */
  denyDecrypt(keyArn: string, principal: string): Promise<void>;
  /** Data-key requests (GenerateDataKey + Decrypt) since `since`, as the backend's KMS logged them. */
  dataKeyRequests(since: Date): Promise<KmsRequestCount>;
}

export interface KmsRequestCount {
  /** Undefined when the backend's KMS keeps no log this process can read (AWS: use CloudTrail). */
  succeeded?: number;
  /** Requests KMS refused, e.g. Decrypt by a principal the key policy denies. */
  refused?: number;
}

export function denyDecryptPolicy(principal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowUse', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'DenyDecrypt',
        Effect: 'Deny',
        Principal: { AWS: principal },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    ],
  });
}
