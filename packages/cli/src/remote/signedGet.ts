import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { describeValue, InvalidParameterValueError, ServiceUnavailableError } from '@sealbus/core';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedGet {
  /** `http(s)://host:port` of the gateway. */
  endpointUrl: string;
  /** Path and query string, e.g. `/_sealbus/sns/recorded-deliveries?endpoint=%2B44…`. */
  path: string;
  service: string;
  region: string;
  credentials: SigningCredentials;
  /** Epoch ms, for the signature date. */
  nowMs: number;
}

export interface SignedAnswer {
  status: number;
  body: string;
}

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the AWS SDK's signer expects. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash =
      secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Checks an `--endpoint-url` value: an http(s) origin, nothing after it. */
export function parseEndpointUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || !/^https?:$/.test(url.protocol) || url.pathname.length > 1) {
    throw new InvalidParameterValueError(
      `endpoint-url must be the gateway's http(s) origin such as http://127.0.0.1:4566; got ${describeValue(value)}.`,
      { field: 'endpoint-url' },
    );
  }
  return url;
}

/**
 * A GET signed with SigV4 by the AWS SDK's own signer (`x-amz-content-sha256` included), sent
 * with node:http(s): the gateway authenticates it as any other request.
 */
export async function signedGet(request: SignedGet): Promise<SignedAnswer> {
  const url = parseEndpointUrl(request.endpointUrl);
  const mark = request.path.indexOf('?');
  const signer = new SignatureV4({
    credentials: request.credentials,
    region: request.region,
    service: request.service,
    sha256: Sha256,
    applyChecksum: true,
  });
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: mark < 0 ? request.path : request.path.slice(0, mark),
      query: mark < 0 ? {} : Object.fromEntries(new URLSearchParams(request.path.slice(mark + 1))),
      headers: { host: url.host },
    },
    { signingDate: new Date(request.nowMs) },
  );
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      new URL(request.path, url),
      { method: 'GET', headers: signed.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ServiceUnavailableError(
          `No answer from the gateway at ${url.origin} (${error.code ?? error.name}). Start it with \`sealbus gateway\` or check --endpoint-url.`,
          { cause: error },
        ),
      ),
    );
    req.end();
  });
}
