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
    expect(verifySigV4(iamVector(), { credentials, nowMs: VECTOR_TIME }).accessKeyId).toBe(
      'AKIDEXAMPLE',
    );
  });

  it('rejects a wrong signature, an unknown key, a stale date and a missing header', () => {
    expect(() =>
      verifySigV4(iamVector('0'.repeat(64)), { credentials, nowMs: VECTOR_TIME }),
    ).toThrow(SignatureDoesNotMatchError);
    expect(() =>
      verifySigV4(iamVector(), { credentials: new Map([['OTHER', SECRET]]), nowMs: VECTOR_TIME }),
    ).toThrow(InvalidClientTokenIdError);
    expect(() =>
      verifySigV4(iamVector(), { credentials, nowMs: VECTOR_TIME + 15 * 60 * 1000 + 1 }),
    ).toThrow(RequestExpiredError);
    expect(() =>
      verifySigV4(iamVector(), { credentials, nowMs: VECTOR_TIME - 16 * 60 * 1000 }),
    ).toThrow(RequestExpiredError);
    expect(
      verifySigV4(iamVector(), { credentials, nowMs: VECTOR_TIME + 14 * 60 * 1000 }).accessKeyId,
    ).toBe('AKIDEXAMPLE');
    const unsigned = iamVector();
    unsigned.headers = { ...unsigned.headers, authorization: undefined };
    expect(() => verifySigV4(unsigned, { credentials, nowMs: VECTOR_TIME })).toThrow(
      MissingAuthenticationTokenError,
    );
  });

  it('rejects a tampered body or query', () => {
    const tampered = { ...iamVector(), query: 'Action=ListUsers&Version=2010-05-09' };
    expect(() => verifySigV4(tampered, { credentials, nowMs: VECTOR_TIME })).toThrow(
      SignatureDoesNotMatchError,
    );
    const withBody = { ...iamVector(), body: new TextEncoder().encode('x') };
    expect(() => verifySigV4(withBody, { credentials, nowMs: VECTOR_TIME })).toThrow(
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
