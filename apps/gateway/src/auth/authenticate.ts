import { requireSigV4Credential, type SignableRequest, verifySigV4 } from './sigv4.js';

/**
 * How the gateway establishes who calls. `identify` (the default) reads the principal from the
 * access key id of the SigV4 signature without checking the secret: identity, not
 * authentication, for local development. `verify` checks secret, date, scope and payload hash.
 * Both refuse a request without a signature, as AWS does: nothing unsigned becomes a principal.
 */
export type AuthMode = 'identify' | 'verify';

export interface AuthenticateOptions {
  mode: AuthMode;
  /** Access key id → secret access key (verify mode). */
  credentials: ReadonlyMap<string, string>;
  /** The signing name of the service called: `sqs`, `sns` or `kms`. */
  service: string;
  /** The gateway's region. */
  region: string;
  /** Server time, epoch milliseconds. */
  nowMs: number;
}

/** The principal (access key id) of a request, or the AWS error that refuses it. */
export function authenticate(request: SignableRequest, options: AuthenticateOptions): string {
  if (options.mode === 'verify') return verifySigV4(request, options).accessKeyId;
  return requireSigV4Credential(request).accessKeyId;
}
