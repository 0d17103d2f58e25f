import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createNotificationSigner, type NotificationSigner } from '@sealbus/broker-engine';

/** The key pair that signs SNS http/https messages, and its self-signed certificate. */
export interface SigningIdentity {
  readonly signer: NotificationSigner;
  readonly certificatePem: string;
}

/**
 * The identity kept at `<base>.sns-signing-key.pem` (mode 0600) and `<base>.sns-signing-cert.pem`,
 * created with `openssl` on first use so subscribers' cached certificates stay valid across
 * restarts.
 */
export function persistentSigningIdentity(base: string): SigningIdentity {
  const keyPath = `${base}.sns-signing-key.pem`;
  const certPath = `${base}.sns-signing-cert.pem`;
  mkdirSync(dirname(base), { recursive: true, mode: 0o700 });
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    const { keyPem, certificatePem } = generate();
    // `wx`: never overwrite a key another process created meanwhile.
    writeFileSync(keyPath, keyPem, { mode: 0o600, flag: 'wx' });
    writeFileSync(certPath, certificatePem, { mode: 0o644, flag: 'wx' });
  }
  chmodSync(keyPath, 0o600);
  return identity(readFileSync(keyPath, 'utf8'), readFileSync(certPath, 'utf8'));
}

/** A fresh identity held in memory only (the memory backend's). */
export function ephemeralSigningIdentity(): SigningIdentity {
  const { keyPem, certificatePem } = generate();
  return identity(keyPem, certificatePem);
}

function identity(keyPem: string, certificatePem: string): SigningIdentity {
  const id = createHash('sha256').update(certificatePem).digest('hex').slice(0, 32);
  return { signer: createNotificationSigner(keyPem, id), certificatePem };
}

/** An RSA-2048 key and a ten-year self-signed certificate, made in a private (0700) directory. */
function generate(): { keyPem: string; certificatePem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sealbus-sns-signing-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '3650',
        '-subj',
        '/CN=sns.sealbus.local',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    return {
      keyPem: readFileSync(keyPath, 'utf8'),
      certificatePem: readFileSync(certPath, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
