import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import {
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
      `X-Amz-Algorithm must be ${SIGV4_ALGORITHM}; got ${JSON.stringify(params.get('X-Amz-Algorithm'))}`,
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
      `the Authorization header must start with "${SIGV4_ALGORITHM} "; sign requests with Signature Version 4`,
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
      'the SigV4 signature must carry Credential, SignedHeaders and Signature',
    );
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || scope.some((s) => s === '')) {
    throw new IncompleteSignatureError(
      `Credential must be <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request; got ${JSON.stringify(credential)}`,
    );
  }
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw new IncompleteSignatureError(
      `X-Amz-Date must be yyyymmddThhmmssZ; got ${JSON.stringify(amzDate ?? null)}`,
    );
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
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

export interface VerifyOptions {
  /** Access key id → secret access key. */
  credentials: ReadonlyMap<string, string>;
  /** Server time, epoch milliseconds. */
  nowMs: number;
}

/**
 * Verifies a SigV4-signed request and returns its credential (the access key id is the
 * principal). Throws `MissingAuthenticationToken`, `IncompleteSignature`,
 * `InvalidClientTokenId`, `RequestExpired` or `SignatureDoesNotMatch`.
 */
export function verifySigV4(request: SignableRequest, options: VerifyOptions): SigV4Credential {
  const credential = readSigV4Credential(request);
  if (credential === undefined) {
    throw new MissingAuthenticationTokenError(
      'the request must be signed with SigV4 (an Authorization header): configure the client with one of the gateway credentials',
    );
  }
  const secret = options.credentials.get(credential.accessKeyId);
  if (secret === undefined) {
    throw new InvalidClientTokenIdError(
      `The security token included in the request is invalid: access key id ${JSON.stringify(credential.accessKeyId)} is not configured on this gateway`,
    );
  }
  const signedAt = amzDateToMs(credential.amzDate);
  if (Math.abs(options.nowMs - signedAt) > MAX_CLOCK_SKEW_MS) {
    throw new RequestExpiredError(
      `Signature expired or not yet valid: X-Amz-Date ${credential.amzDate} is more than 15 minutes from the server time ${new Date(options.nowMs).toISOString()}; fix the client clock`,
    );
  }
  if (!credential.signedHeaders.includes('host')) {
    throw new IncompleteSignatureError('SignedHeaders must include host');
  }
  const bodyHash = sha256Hex(request.body);
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== UNSIGNED_PAYLOAD && declared !== bodyHash) {
    throw new SignatureDoesNotMatchError(
      'x-amz-content-sha256 does not match the SHA-256 of the request body',
    );
  }
  const payloadHash = declared ?? bodyHash;
  const expected = signature(
    secret,
    credential,
    stringToSign(credential, canonicalRequest(request, credential, payloadHash)),
  );
  const given = Buffer.from(credential.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    throw new SignatureDoesNotMatchError(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
  }
  return credential;
}
