import { createPublicKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliSandbox, sandbox } from './support/runCli.js';

interface KeyJson {
  keyId: string;
  arn: string;
  keyState: string;
}

describe('sealbus keys', () => {
  let box: CliSandbox;
  let key: KeyJson;
  beforeAll(async () => {
    box = sandbox();
    key = await box.json<KeyJson>(
      'keys',
      'create',
      '--description',
      'billing',
      '--alias',
      'alias/billing',
    );
  });
  afterAll(() => box.cleanup());

  it('creates a key with an alias and lists it with the alias', async () => {
    expect(key.keyState).toBe('Enabled');
    const list = await box.json<{ keyId: string; aliases: string[] }[]>('keys', 'list');
    expect(list).toContainEqual(
      expect.objectContaining({ keyId: key.keyId, aliases: ['alias/billing'] }),
    );
    const text = await box.run('keys', 'list');
    expect(text.stdout).toMatch(/^KeyId\s+Aliases\s+Arn/);
  });

  it('describes a key by alias in text and JSON', async () => {
    const text = await box.run('keys', 'describe', 'alias/billing');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Arn:          ${key.arn}`);
    const described = await box.json<KeyJson>('keys', 'describe', key.arn);
    expect(described.keyId).toBe(key.keyId);
  });

  it('repoints an alias at another key, then deletes it', async () => {
    const other = await box.json<KeyJson>('keys', 'create', '--description', 'other');
    const created = await box.json<{ action: string }>('keys', 'alias', 'alias/moving', key.keyId);
    expect(created.action).toBe('created');
    const moved = await box.json<{ action: string; targetKeyArn: string }>(
      'keys',
      'alias',
      'alias/moving',
      other.keyId,
    );
    expect(moved).toEqual({
      aliasName: 'alias/moving',
      action: 'updated',
      targetKeyArn: other.arn,
    });
    expect((await box.run('keys', 'alias', 'alias/moving', '--delete')).stdout).toBe(
      'deleted alias/moving\n',
    );
    const gone = await box.run('keys', 'describe', 'alias/moving');
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/^sealbus: KMS\.NotFoundException: /);
  });

  it('disables a key so sending to its queue fails with KMS.DisabledException, then enables it', async () => {
    await box.json('queue', 'create', 'disabled-q', '--kms-key', 'alias/billing');
    expect(
      (await box.json<{ keyState: string }>('keys', 'disable', 'alias/billing')).keyState,
    ).toBe('Disabled');
    const refused = await box.run('send', 'disabled-q', 'hello');
    expect(refused.code).toBe(5);
    expect(refused.stderr.trim().split('\n')).toHaveLength(2);
    expect(refused.stderr).toMatch(/^sealbus: KMS\.DisabledException: /);
    expect(refused.stderr).toContain(
      '\n  fix: enable the key with `sealbus keys enable KEY`, or use another key\n',
    );
    expect((await box.json<{ keyState: string }>('keys', 'enable', 'alias/billing')).keyState).toBe(
      'Enabled',
    );
    expect((await box.run('send', 'disabled-q', 'hello')).code).toBe(0);
  });

  it('rotates on demand and turns automatic rotation on and off', async () => {
    const rotated = await box.json<{ rotatedNow: boolean; keyRotationEnabled: boolean }>(
      'keys',
      'rotate',
      'alias/billing',
    );
    expect(rotated).toMatchObject({ rotatedNow: true, keyRotationEnabled: false });
    const automatic = await box.json<{ keyRotationEnabled: boolean; rotationPeriodInDays: number }>(
      'keys',
      'rotate',
      'alias/billing',
      '--automatic-days',
      '365',
    );
    expect(automatic).toMatchObject({ keyRotationEnabled: true, rotationPeriodInDays: 365 });
    const stopped = await box.json<{ keyRotationEnabled: boolean }>(
      'keys',
      'rotate',
      'alias/billing',
      '--stop-automatic',
    );
    expect(stopped.keyRotationEnabled).toBe(false);
  });

  it('prints and replaces a key policy from a file', async () => {
    const before = await box.json<{ policy: { Statement: unknown[] } }>(
      'keys',
      'policy',
      'alias/billing',
    );
    expect(before.policy.Statement.length).toBeGreaterThan(0);
    const file = join(box.dir, 'policy.json');
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'all', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }],
    };
    writeFileSync(file, JSON.stringify(policy));
    const after = await box.json<{ policy: unknown }>(
      'keys',
      'policy',
      'alias/billing',
      '--put',
      file,
    );
    expect(after.policy).toEqual(policy);
    const missing = await box.run(
      'keys',
      'policy',
      'alias/billing',
      '--put',
      join(box.dir, 'nope.json'),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^sealbus: InvalidParameterValue: put: cannot read /);
  });

  it('schedules deletion after 7 days and cancels it', async () => {
    const doomed = await box.json<KeyJson>('keys', 'create');
    const scheduled = await box.json<{ pendingWindowInDays: number; deletionDate: string }>(
      'keys',
      'schedule-deletion',
      doomed.keyId,
      '--days',
      '7',
    );
    expect(scheduled.pendingWindowInDays).toBe(7);
    expect((await box.json<KeyJson>('keys', 'describe', doomed.keyId)).keyState).toBe(
      'PendingDeletion',
    );
    const cancelled = await box.run('keys', 'schedule-deletion', doomed.keyId, '--cancel');
    expect(cancelled.stdout).toContain('cancelled deletion');
    expect((await box.json<KeyJson>('keys', 'describe', doomed.keyId)).keyState).toBe('Disabled');
    const tooShort = await box.run('keys', 'schedule-deletion', doomed.keyId, '--days', '3');
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toContain('pendingWindowInDays');
  });

  it('creates and inspects an ECC signing key: spec, usage, algorithms and a PEM public key', async () => {
    const created = await box.json<{ keyId: string; keySpec: string; keyUsage: string }>(
      'keys',
      'create',
      '--key-spec',
      'ECC_NIST_P256',
      '--key-usage',
      'SIGN_VERIFY',
      '--tag',
      'team=pharmacy',
      'env=dev',
    );
    expect(created).toMatchObject({ keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' });
    const described = await box.run('keys', 'describe', created.keyId);
    expect(described.stdout).toMatch(/KeySpec:\s+ECC_NIST_P256/);
    expect(described.stdout).toMatch(/Algorithms:\s+ECDSA_SHA_256/);
    const pem = await box.run('keys', 'public-key', created.keyId);
    expect(pem.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
    expect(createPublicKey(pem.stdout).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(await box.json('keys', 'tags', created.keyId)).toEqual({ team: 'pharmacy', env: 'dev' });
    const refused = await box.run('keys', 'public-key', 'alias/billing');
    expect(refused.stderr).toMatch(/^sealbus: KMS\.UnsupportedOperationException: /);
  });

  it('grants, lists and revokes; tags and untags', async () => {
    const grant = await box.json<{ grantId: string; grantToken: string }>(
      'keys',
      'grant',
      'alias/billing',
      '--grantee',
      'AKIDWORKER',
      '--operations',
      'Decrypt,Encrypt',
      '--name',
      'worker',
    );
    const grants = await box.json<{ grantId: string; operations: string[] }[]>(
      'keys',
      'grants',
      'alias/billing',
    );
    expect(grants).toEqual([
      expect.objectContaining({ grantId: grant.grantId, operations: ['Decrypt', 'Encrypt'] }),
    ]);
    expect((await box.run('keys', 'grants', 'alias/billing')).stdout).toMatch(
      /^GrantId\s+Grantee\s+Operations\s+Name/,
    );
    await box.json('keys', 'revoke-grant', 'alias/billing', grant.grantId);
    expect(await box.json('keys', 'grants', 'alias/billing')).toEqual([]);
    expect(await box.json('keys', 'tag', 'alias/billing', 'cost=42', 'owner=ops')).toEqual({
      cost: '42',
      owner: 'ops',
    });
    expect(await box.json('keys', 'untag', 'alias/billing', 'cost')).toEqual({ owner: 'ops' });
    const reserved = await box.run('keys', 'tag', 'alias/billing', 'aws:x=1');
    expect(reserved.stderr).toMatch(
      /^sealbus: KMS\.TagException: Tags beginning with aws: are reserved\./,
    );
  });
});
