import {
  IncompleteSignatureError,
  InvalidClientTokenIdError,
  MissingAuthenticationTokenError,
  RequestExpiredError,
  SignatureDoesNotMatchError,
} from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  readSigV4Credential,
  type SignableRequest,
  sha256Hex,
  signature,
  stringToSign,
  uriEncode,
  verifySigV4,
} from './sigv4.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const VECTOR_SIGNATURE = '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7';

function iamVector(signatureHex = VECTOR_SIGNATURE): SignableRequest {
  return {
    method: 'GET',
    path: '/',
    query: 'Action=ListUsers&Version=2010-05-08',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'iam.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${signatureHex}`,
    },
    body: new Uint8Array(),
  };
}
const VECTOR_TIME = Date.parse('2015-08-30T12:36:00Z');
const credentials = new Map([['AKIDEXAMPLE', SECRET]]);
const scope = { service: 'iam', region: 'us-east-1' };

describe('SigV4 (AWS IAM example vector)', () => {
  it('computes the canonical request hash and the signature of the vector', () => {
    const request = iamVector();
    const credential = readSigV4Credential(request)!;
    expect(credential).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20150830',
      region: 'us-east-1',
      service: 'iam',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
    });
    const canonical = canonicalRequest(request, credential, sha256Hex(new Uint8Array()));
    expect(sha256Hex(canonical)).toBe(
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(signature(SECRET, credential, stringToSign(credential, canonical))).toBe(
      VECTOR_SIGNATURE,
    );
  });

  it('verifies the vector and returns the access key id', () => {
    expect(
      verifySigV4(iamVector(), { ...scope, credentials, nowMs: VECTOR_TIME }).accessKeyId,
    ).toBe('AKIDEXAMPLE');
  });

  it('rejects a wrong signature, an unknown key, a stale date and a missing header', () => {
    expect(() =>
      verifySigV4(iamVector('0'.repeat(64)), { ...scope, credentials, nowMs: VECTOR_TIME }),
    ).toThrow(SignatureDoesNotMatchError);
    expect(() =>
      verifySigV4(iamVector(), {
        ...scope,
        credentials: new Map([['OTHER', SECRET]]),
        nowMs: VECTOR_TIME,
      }),
    ).toThrow(InvalidClientTokenIdError);
    expect(() =>
      verifySigV4(iamVector(), { ...scope, credentials, nowMs: VECTOR_TIME + 15 * 60 * 1000 + 1 }),
    ).toThrow(
      'Signature expired: 20150830T123600Z is now earlier than 20150830T123600Z (20150830T125100Z - 15 min.)',
    );
    expect(() =>
      verifySigV4(iamVector(), { ...scope, credentials, nowMs: VECTOR_TIME - 16 * 60 * 1000 }),
    ).toThrow(
      'Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)',
    );
    expect(
      verifySigV4(iamVector(), { ...scope, credentials, nowMs: VECTOR_TIME + 14 * 60 * 1000 })
        .accessKeyId,
    ).toBe('AKIDEXAMPLE');
    const unsigned = iamVector();
    unsigned.headers = { ...unsigned.headers, authorization: undefined };
    expect(() => verifySigV4(unsigned, { ...scope, credentials, nowMs: VECTOR_TIME })).toThrow(
      MissingAuthenticationTokenError,
    );
  });

  it('refuses a credential scope of another service or region (AWS: "Credential should be scoped to correct service")', () => {
    expect(() =>
      verifySigV4(iamVector(), {
        credentials,
        nowMs: VECTOR_TIME,
        service: 'sqs',
        region: 'us-east-1',
      }),
    ).toThrow(
      new SignatureDoesNotMatchError("Credential should be scoped to correct service: 'sqs'. "),
    );
    expect(() =>
      verifySigV4(iamVector(), {
        credentials,
        nowMs: VECTOR_TIME,
        service: 'iam',
        region: 'eu-west-1',
      }),
    ).toThrow("Credential should be scoped to a valid region, not 'us-east-1'. ");
  });

  it('refuses UNSIGNED-PAYLOAD and a declared body hash that does not match the body', () => {
    const unsignedPayload = iamVector();
    unsignedPayload.headers = {
      ...unsignedPayload.headers,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    };
    expect(() =>
      verifySigV4(unsignedPayload, { ...scope, credentials, nowMs: VECTOR_TIME }),
    ).toThrow('UNSIGNED-PAYLOAD is accepted by Amazon S3 only');
    const declared = iamVector();
    declared.headers = { ...declared.headers, 'x-amz-content-sha256': sha256Hex('other body') };
    expect(() => verifySigV4(declared, { ...scope, credentials, nowMs: VECTOR_TIME })).toThrow(
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  });

  it('refuses a presigned request after X-Amz-Expires (RequestExpired)', () => {
    const presigned: SignableRequest = {
      method: 'GET',
      path: '/',
      query:
        'Action=ListUsers&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00',
      headers: { host: 'iam.amazonaws.com' },
      body: new Uint8Array(),
    };
    expect(() =>
      verifySigV4(presigned, { ...scope, credentials, nowMs: VECTOR_TIME + 61_000 }),
    ).toThrow(RequestExpiredError);
    // Within its lifetime the signature itself is checked (and this one is wrong).
    expect(() =>
      verifySigV4(presigned, { ...scope, credentials, nowMs: VECTOR_TIME + 59_000 }),
    ).toThrow(SignatureDoesNotMatchError);
  });

  it('refuses an access key id shaped like an ARN: root cannot be claimed through it, names pass', () => {
    const request = iamVector();
    request.headers = {
      ...request.headers,
      authorization: request.headers
        .authorization!.toString()
        .replace('AKIDEXAMPLE', 'arn:aws:iam::000000000000:root'),
    };
    expect(() => readSigV4Credential(request)).toThrow(InvalidClientTokenIdError);
    const named = iamVector();
    named.headers = {
      ...named.headers,
      authorization: named.headers.authorization!.toString().replace('AKIDEXAMPLE', 'ehr-producer'),
    };
    expect(readSigV4Credential(named)?.accessKeyId).toBe('ehr-producer');
  });

  it('rejects a tampered body or query', () => {
    const tampered = { ...iamVector(), query: 'Action=ListUsers&Version=2010-05-09' };
    expect(() => verifySigV4(tampered, { ...scope, credentials, nowMs: VECTOR_TIME })).toThrow(
      SignatureDoesNotMatchError,
    );
    const withBody = { ...iamVector(), body: new TextEncoder().encode('x') };
    expect(() => verifySigV4(withBody, { ...scope, credentials, nowMs: VECTOR_TIME })).toThrow(
      SignatureDoesNotMatchError,
    );
  });

  it('joins repeated signed headers with commas, values trimmed', () => {
    const request: SignableRequest = {
      method: 'POST',
      path: '/',
      query: '',
      headers: { host: 'h', 'x-multi': [' a ', 'b  c'] },
      body: new Uint8Array(),
    };
    const canonical = canonicalRequest(
      request,
      { signedHeaders: ['host', 'x-multi'], presigned: false },
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(canonical.split('\n')).toContain('x-multi:a,b c');
  });

  it('reports malformed Authorization headers as IncompleteSignature', () => {
    for (const authorization of [
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam, SignedHeaders=host, Signature=00',
      'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00',
      'Basic dXNlcjpwYXNz',
    ]) {
      const request = iamVector();
      request.headers = { ...request.headers, authorization };
      expect(() => readSigV4Credential(request)).toThrow(IncompleteSignatureError);
    }
  });
});

describe('uriEncode', () => {
  it('leaves only unreserved characters and round-trips', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const encoded = uriEncode(value);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(value);
      }),
    );
  });
});
