import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { type Credentials, REGION } from './harness.js';

/** One of the gateway's wire protocols, with a harmless read-only request of it. */
export interface WireTarget {
  name: 'sqs-json' | 'sqs-query' | 'sns-query' | 'kms-json';
  service: 'sqs' | 'sns' | 'kms';
  headers: Record<string, string>;
  body: string;
}

export const TARGETS: readonly WireTarget[] = [
  {
    name: 'sqs-json',
    service: 'sqs',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AmazonSQS.ListQueues',
    },
    body: '{}',
  },
  {
    name: 'sqs-query',
    service: 'sqs',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=ListQueues&Version=2012-11-05',
  },
  {
    name: 'sns-query',
    service: 'sns',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=ListTopics&Version=2010-03-31',
  },
  {
    name: 'kms-json',
    service: 'kms',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'TrentService.ListKeys',
    },
    body: '{}',
  },
];

export interface RawRequest {
  method?: string;
  path?: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends these headers and body with node:http, framed with `content-length` (node frames a GET
 * body no other way) and nothing else added.
 */
export function send(url: string, raw: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const headers = { ...raw.headers, 'content-length': String(Buffer.byteLength(raw.body)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, method: raw.method ?? 'POST', path: raw.path ?? '/', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(raw.body);
  });
}

/** SHA-256 (HMAC-SHA-256 with a secret) in the shape the AWS signer expects. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export interface SignOptions {
  credentials: Credentials;
  /** @defaultValue the target's service */
  service?: string;
  /** @defaultValue REGION */
  region?: string;
  /** Extra headers signed with the request (e.g. `x-amz-content-sha256`). */
  headers?: Record<string, string>;
  /** Send `x-amz-content-sha256` (the AWS signer's default). @defaultValue true */
  contentSha256Header?: boolean;
  /** @defaultValue 'POST' */
  method?: string;
  /** Path and query string. @defaultValue '/' */
  path?: string;
  /** @defaultValue the target's body */
  body?: string | Buffer;
}

/** Signs a target's request with the AWS SDK's own SigV4 signer (@smithy/signature-v4). */
export async function signRequest(
  url: string,
  target: WireTarget,
  options: SignOptions,
): Promise<RawRequest> {
  const { hostname, port, host } = new URL(url);
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region ?? REGION,
    service: options.service ?? target.service,
    sha256: Sha256,
    applyChecksum: options.contentSha256Header ?? true,
  });
  const fullPath = options.path ?? '/';
  const mark = fullPath.indexOf('?');
  const body = options.body ?? target.body;
  const signed = await signer.sign({
    method: options.method ?? 'POST',
    protocol: 'http:',
    hostname,
    port: Number(port),
    path: mark < 0 ? fullPath : fullPath.slice(0, mark),
    query: mark < 0 ? {} : Object.fromEntries(new URLSearchParams(fullPath.slice(mark + 1))),
    headers: { host, ...target.headers, ...options.headers },
    body,
  });
  return {
    method: options.method ?? 'POST',
    path: fullPath,
    headers: signed.headers as Record<string, string>,
    body,
  };
}
