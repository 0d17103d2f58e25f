import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
  ERROR_CATALOGUE,
  IncompleteSignatureError,
  InvalidClientTokenIdError,
  MissingAuthenticationTokenError,
  RequestExpiredError,
  SignatureDoesNotMatchError,
} from '@sealbus/core';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS rejects requests whose `X-Amz-Date` is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/**
 * AWS access key ids are alphanumeric; local setups use principal names (`ehr-producer`), so
 * IAM name characters pass. No `:` or `/`: a "key id" must not pose as an ARN such as root's.
 */
const ACCESS_KEY_ID = /^[\w+=.@-]{1,128}$/;

/** The parts of a SigV4 signature, from the `Authorization` header or presigned query parameters. */
export interface SigV4Credential {
  accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `X-Amz-Date` (`yyyymmddThhmmssZ`). */
  amzDate: string;
  presigned: boolean;
}

/** What the verifier needs of an HTTP request. Header names are lowercase. */
export interface SignableRequest {
  method: string;
  /** The path as received, without the query string. */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

/**
 * Reads the credential of a SigV4-signed request, or `undefined` when it carries none.
 * Lenient about spaces and commas between the parts, as AWS is.
 */
export function readSigV4Credential(request: SignableRequest): SigV4Credential | undefined {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization !== undefined) return parseAuthorizationHeader(authorization, request);
  const params = new URLSearchParams(request.query);
  if (params.get('X-Amz-Algorithm') === null) return undefined;
  if (params.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} X-Amz-Algorithm must be ${SIGV4_ALGORITHM}.`,
    );
  }
  return buildCredential(
    {
      Credential: params.get('X-Amz-Credential') ?? undefined,
      SignedHeaders: params.get('X-Amz-SignedHeaders') ?? undefined,
      Signature: params.get('X-Amz-Signature') ?? undefined,
    },
    params.get('X-Amz-Date') ?? undefined,
    true,
  );
}

function parseAuthorizationHeader(value: string, request: SignableRequest): SigV4Credential {
  const trimmed = value.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} The Authorization header must start with "${SIGV4_ALGORITHM} "; sign requests with Signature Version 4.`,
    );
  }
  const parts: Record<string, string> = {};
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(/[\s,]+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) parts[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return buildCredential(parts, headerValue(request.headers, 'x-amz-date'), false);
}

function buildCredential(
  parts: Record<string, string | undefined>,
  amzDate: string | undefined,
  presigned: boolean,
): SigV4Credential {
  const { Credential: credential, SignedHeaders: signedHeaders, Signature: signature } = parts;
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} The signature must carry Credential, SignedHeaders and Signature.`,
    );
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || scope.some((s) => s === '')) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} Credential must be <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request.`,
    );
  }
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} X-Amz-Date must be yyyymmddThhmmssZ.`,
    );
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  if (!ACCESS_KEY_ID.test(accessKeyId))
    throw new InvalidClientTokenIdError(INVALID_CLIENT_TOKEN_MESSAGE);
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature: signature.toLowerCase(),
    amzDate,
    presigned,
  };
}

/** RFC 3986 encoding as SigV4 requires: everything but `A-Za-z0-9-_.~` is percent-encoded. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Form and query decoding, with `+` as space (botocore sends `a+b`). */
export function decodeQueryComponent(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function canonicalPath(path: string): string {
  if (path === '' || path === '/') return '/';
  return path
    .split('/')
    .map((segment) => uriEncode(decodeQueryComponent(segment)))
    .join('/');
}

function canonicalQuery(query: string, presigned: boolean): string {
  if (query === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decodeQueryComponent(eq < 0 ? piece : piece.slice(0, eq));
    const value = eq < 0 ? '' : decodeQueryComponent(piece.slice(eq + 1));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push([uriEncode(key), uriEncode(value)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: SignableRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Step 1 of SigV4: the canonical request. */
export function canonicalRequest(
  request: SignableRequest,
  credential: Pick<SigV4Credential, 'signedHeaders' | 'presigned'>,
  payloadHash: string,
): string {
  const headerLines = credential.signedHeaders.map((name) => {
    // Repeated headers join with commas, each value trimmed with inner whitespace collapsed.
    const raw = request.headers[name];
    const values = raw === undefined ? [''] : Array.isArray(raw) ? raw : [raw];
    return `${name}:${values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',')}\n`;
  });
  return [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    canonicalQuery(request.query, credential.presigned),
    headerLines.join(''),
    credential.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/** Step 2: the string to sign. */
export function stringToSign(
  credential: Pick<SigV4Credential, 'amzDate' | 'date' | 'region' | 'service'>,
  canonical: string,
): string {
  return [
    SIGV4_ALGORITHM,
    credential.amzDate,
    `${credential.date}/${credential.region}/${credential.service}/aws4_request`,
    sha256Hex(canonical),
  ].join('\n');
}

/** Step 3: the signature, from the secret through the derived signing key. */
export function signature(
  secretAccessKey: string,
  credential: Pick<SigV4Credential, 'date' | 'region' | 'service'>,
  toSign: string,
): string {
  const hmac = (key: Uint8Array | string, data: string) =>
    createHmac('sha256', key).update(data).digest();
  const kDate = hmac(`AWS4${secretAccessKey}`, credential.date);
  const kRegion = hmac(kDate, credential.region);
  const kService = hmac(kRegion, credential.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(toSign).digest('hex');
}

function amzDateToMs(amzDate: string): number {
  const iso = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
  return Date.parse(iso);
}

/** `yyyymmddThhmmssZ` of an epoch time, as AWS quotes times in signature errors. */
function toAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface VerifyOptions {
  /** Access key id → secret access key. */
  credentials: ReadonlyMap<string, string>;
  /** Server time, epoch milliseconds. */
  nowMs: number;
  /** The signing name of the service called (`sqs`, `sns`, `kms`): the scope must name it. */
  service: string;
  /** The endpoint's region: the scope must name it. */
  region: string;
}

/**
 * Verifies a SigV4-signed request and returns its credential (the access key id is the
 * principal). Throws `MissingAuthenticationToken`, `IncompleteSignature`,
 * `InvalidClientTokenId`, `RequestExpired` or `SignatureDoesNotMatch`, with the texts AWS
 * answers (docs/gateway.md lists them).
 */
export function verifySigV4(request: SignableRequest, options: VerifyOptions): SigV4Credential {
  const credential = requireSigV4Credential(request);
  const secret = options.credentials.get(credential.accessKeyId);
  if (secret === undefined) throw new InvalidClientTokenIdError(INVALID_CLIENT_TOKEN_MESSAGE);
  checkScope(credential, options);
  checkDate(credential, request, options.nowMs);
  if (!credential.signedHeaders.includes('host')) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} SignedHeaders must include host.`,
    );
  }
  const payloadHash = payloadHashOf(request);
  let canonical: string;
  try {
    canonical = canonicalRequest(request, credential, payloadHash);
  } catch (cause) {
    // A path or query with a malformed percent escape has no canonical form to sign.
    throw new SignatureDoesNotMatchError(SIGNATURE_MISMATCH_MESSAGE, { cause });
  }
  const expected = signature(secret, credential, stringToSign(credential, canonical));
  const given = Buffer.from(credential.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new SignatureDoesNotMatchError(SIGNATURE_MISMATCH_MESSAGE);
  }
  return credential;
}

/** The request's SigV4 credential; `MissingAuthenticationToken` when it carries none. */
export function requireSigV4Credential(request: SignableRequest): SigV4Credential {
  const credential = readSigV4Credential(request);
  if (credential === undefined) {
    throw new MissingAuthenticationTokenError(MISSING_AUTHENTICATION_TOKEN_MESSAGE);
  }
  return credential;
}

/** The AWS Common Errors texts, from the error catalogue (the same on SQS, SNS and KMS). */
export const MISSING_AUTHENTICATION_TOKEN_MESSAGE: string =
  ERROR_CATALOGUE.MissingAuthenticationToken.wire.sqs.text;
/** What SQS and KMS answer for an access key id they do not know. */
export const INVALID_CLIENT_TOKEN_MESSAGE: string =
  ERROR_CATALOGUE.InvalidClientTokenId.wire.sqs.text;
/** The stem of AWS's IncompleteSignature texts; each names the part that is wrong after it. */
export const INCOMPLETE_SIGNATURE_MESSAGE =
  'The request signature does not conform to AWS standards.';
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function checkScope(credential: SigV4Credential, options: VerifyOptions): void {
  if (credential.service !== options.service) {
    throw new SignatureDoesNotMatchError(
      `Credential should be scoped to correct service: '${options.service}'. `,
    );
  }
  if (credential.region !== options.region) {
    throw new SignatureDoesNotMatchError(
      `Credential should be scoped to a valid region, not '${credential.region}'. `,
    );
  }
  if (credential.date !== credential.amzDate.slice(0, 8)) {
    throw new SignatureDoesNotMatchError(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${credential.amzDate.slice(0, 8)}', from '${credential.amzDate}'.`,
    );
  }
}

/** AWS accepts a signing time within 15 minutes of its clock, and a presigned URL until it expires. */
function checkDate(credential: SigV4Credential, request: SignableRequest, nowMs: number): void {
  const signedAt = amzDateToMs(credential.amzDate);
  if (Number.isNaN(signedAt)) {
    throw new IncompleteSignatureError(
      `${INCOMPLETE_SIGNATURE_MESSAGE} X-Amz-Date ${credential.amzDate} is not a valid date.`,
    );
  }
  if (credential.presigned) {
    const expires = new URLSearchParams(request.query).get('X-Amz-Expires');
    const seconds = expires === null ? Number.NaN : Number(expires);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604_800) {
      throw new IncompleteSignatureError(
        `${INCOMPLETE_SIGNATURE_MESSAGE} X-Amz-Expires must be a number of seconds from 1 to 604800.`,
      );
    }
    if (nowMs > signedAt + seconds * 1000) {
      throw new RequestExpiredError(
        'The request reached the service more than 15 minutes after the date stamp on the request or more than 15 minutes after the request expiration date (such as for pre-signed URLs), or the date stamp on the request is more than 15 minutes in the future.',
      );
    }
  }
  if (nowMs - signedAt > MAX_CLOCK_SKEW_MS && !credential.presigned) {
    throw new SignatureDoesNotMatchError(
      `Signature expired: ${credential.amzDate} is now earlier than ${toAmzDate(nowMs - MAX_CLOCK_SKEW_MS)} (${toAmzDate(nowMs)} - 15 min.)`,
    );
  }
  if (signedAt - nowMs > MAX_CLOCK_SKEW_MS) {
    throw new SignatureDoesNotMatchError(
      `Signature not yet current: ${credential.amzDate} is still later than ${toAmzDate(nowMs + MAX_CLOCK_SKEW_MS)} (${toAmzDate(nowMs)} + 15 min.)`,
    );
  }
}

/**
 * The payload hash that goes into the canonical request. `UNSIGNED-PAYLOAD` exists for Amazon
 * S3 only: accepting it would let anyone who sees one signed request swap its body.
 */
function payloadHashOf(request: SignableRequest): string {
  const bodyHash = sha256Hex(request.body);
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  if (declared === undefined) return bodyHash;
  if (declared === UNSIGNED_PAYLOAD) {
    throw new SignatureDoesNotMatchError(
      `${SIGNATURE_MISMATCH_MESSAGE} x-amz-content-sha256 UNSIGNED-PAYLOAD is accepted by Amazon S3 only; sign the SHA-256 of the body.`,
    );
  }
  if (declared !== bodyHash) {
    throw new SignatureDoesNotMatchError(
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  return declared;
}
