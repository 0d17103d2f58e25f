import { createHash } from 'node:crypto';
import { describeValue, InvalidParameterError, type PushPlatform } from '@sealbus/core';

/** The attributes `SetPlatformApplicationAttributes` documents. */
const APPLICATION_ATTRIBUTES = new Set([
  'PlatformCredential',
  'PlatformPrincipal',
  'EventEndpointCreated',
  'EventEndpointDeleted',
  'EventEndpointUpdated',
  'EventDeliveryFailure',
  'SuccessFeedbackRoleArn',
  'FailureFeedbackRoleArn',
  'SuccessFeedbackSampleRate',
  'ApplePlatformTeamID',
  'ApplePlatformBundleID',
]);

/** Secrets: SNS never returns them, and sealbus never stores them (only their digest). */
const SECRET_ATTRIBUTES = ['PlatformCredential', 'PlatformPrincipal'] as const;

/** `SetEndpointAttributes`: CustomUserData, Enabled, Token; Baidu endpoints add ChannelId, UserId. */
const ENDPOINT_ATTRIBUTES = new Set(['CustomUserData', 'Enabled', 'Token']);
const BAIDU_ENDPOINT_ATTRIBUTES = ['ChannelId', 'UserId'];

/** "The data must be in UTF-8 format and less than 2KB" (CreatePlatformEndpoint CustomUserData). */
export const MAX_CUSTOM_USER_DATA_BYTES = 2048;
/** Device tokens: SNS documents no limit; 4 KiB covers every platform's tokens (APNs 64–200 B, FCM ~160 B). */
export const MAX_TOKEN_BYTES = 4096;

export interface ResolvedApplicationAttributes {
  /** What the store keeps and `GetPlatformApplicationAttributes` returns. */
  attributes: Record<string, string>;
  /** Digest of the credential and principal; undefined when neither was given. */
  credentialDigest: string | undefined;
}

/**
 * Checks platform application attributes as SNS does: only documented names; on create,
 * `PlatformCredential`, and `PlatformPrincipal` on every platform but GCM ("For GCM … there is no
 * PlatformPrincipal"); `SuccessFeedbackSampleRate` 0–100. The secrets leave as a digest only.
 */
export function resolveApplicationAttributes(
  platform: PushPlatform,
  given: Readonly<Record<string, string>>,
  existing: ResolvedApplicationAttributes | undefined,
): ResolvedApplicationAttributes {
  for (const [name, value] of Object.entries(given)) {
    if (!APPLICATION_ATTRIBUTES.has(name)) {
      throw invalid(
        'Attributes',
        `Invalid attribute name: ${name.slice(0, 64)}; use ${[...APPLICATION_ATTRIBUTES].join(', ')}`,
      );
    }
    if (typeof value !== 'string') {
      throw invalid('Attributes', `${name} must be a string; got ${describeValue(value)}`);
    }
  }
  const rate = given.SuccessFeedbackSampleRate;
  if (rate !== undefined && !(/^\d{1,3}$/.test(rate) && Number(rate) <= 100)) {
    throw invalid(
      'Attributes',
      `SuccessFeedbackSampleRate must be an integer from 0 to 100; got ${describeValue(rate)}`,
    );
  }
  if (existing === undefined) {
    if (!given.PlatformCredential) {
      throw invalid('Attributes', 'PlatformCredential attribute is required');
    }
    if (platform !== 'GCM' && !given.PlatformPrincipal) {
      throw invalid('Attributes', `PlatformPrincipal attribute is required for ${platform}`);
    }
  }
  const attributes: Record<string, string> = { ...existing?.attributes };
  for (const [name, value] of Object.entries(given)) {
    if (!(SECRET_ATTRIBUTES as readonly string[]).includes(name)) attributes[name] = value;
  }
  const secretGiven = SECRET_ATTRIBUTES.some((name) => given[name] !== undefined);
  return {
    attributes,
    credentialDigest: secretGiven
      ? credentialDigest(given.PlatformPrincipal ?? '', given.PlatformCredential ?? '')
      : existing?.credentialDigest,
  };
}

/** What `GetPlatformApplicationAttributes` answers: the stored attributes and `Enabled`. */
export function applicationAttributesView(
  attributes: Readonly<Record<string, string>>,
): Record<string, string> {
  return { Enabled: 'true', ...attributes };
}

export function credentialDigest(principal: string, credential: string): string {
  return createHash('sha256')
    .update(principal, 'utf8')
    .update('\n')
    .update(credential, 'utf8')
    .digest('hex');
}

/**
 * Endpoint attributes as `SetEndpointAttributes` documents them: `Enabled` is `true` or `false`,
 * `CustomUserData` UTF-8 under 2 KB, `Token` non-empty. Returns the token (if given) apart.
 */
export function resolveEndpointAttributes(
  platform: PushPlatform,
  given: Readonly<Record<string, string>>,
): { token: string | undefined; attributes: Record<string, string> } {
  const allowed =
    platform === 'BAIDU'
      ? [...ENDPOINT_ATTRIBUTES, ...BAIDU_ENDPOINT_ATTRIBUTES]
      : [...ENDPOINT_ATTRIBUTES];
  const attributes: Record<string, string> = {};
  let token: string | undefined;
  for (const [name, value] of Object.entries(given)) {
    if (!allowed.includes(name)) {
      throw invalid(
        'Attributes',
        `Invalid attribute name: ${name.slice(0, 64)}; use ${allowed.join(', ')}`,
      );
    }
    if (typeof value !== 'string') {
      throw invalid('Attributes', `${name} must be a string; got ${describeValue(value)}`);
    }
    if (name === 'Token') {
      token = checkedToken(value);
      continue;
    }
    if (name === 'Enabled' && value !== 'true' && value !== 'false') {
      throw invalid('Attributes', `Enabled must be true or false; got ${describeValue(value)}`);
    }
    if (
      name === 'CustomUserData' &&
      Buffer.byteLength(value, 'utf8') >= MAX_CUSTOM_USER_DATA_BYTES
    ) {
      throw invalid(
        'CustomUserData',
        `must be less than ${MAX_CUSTOM_USER_DATA_BYTES} bytes; got ${Buffer.byteLength(value, 'utf8')} bytes`,
      );
    }
    attributes[name] = value;
  }
  return { token, attributes };
}

export function checkedToken(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0) {
    throw invalid('Token', `must be a non-empty string; got ${describeValue(token)}`);
  }
  if (Buffer.byteLength(token, 'utf8') > MAX_TOKEN_BYTES) {
    throw invalid(
      'Token',
      `must be at most ${MAX_TOKEN_BYTES} bytes; got ${Buffer.byteLength(token, 'utf8')} bytes`,
    );
  }
  return token;
}

/** What `GetEndpointAttributes` answers: the token, `Enabled` and the rest. */
export function endpointAttributesView(
  token: string,
  attributes: Readonly<Record<string, string>>,
): Record<string, string> {
  return { Enabled: 'true', ...attributes, Token: token };
}

/** SNS's wording: `Invalid parameter: <name> Reason: <reason>`. */
function invalid(parameter: string, reason: string): InvalidParameterError {
  return new InvalidParameterError(`Invalid parameter: ${parameter} Reason: ${reason}`, {
    field: parameter,
  });
}
