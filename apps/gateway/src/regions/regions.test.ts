import { createMemoryBroker } from '@sealbus/memory';
import { afterAll, describe, expect, it } from 'vitest';
import { regionalServices } from './regionalServices.js';
import { requestRegion } from './requestRegion.js';

function request(headers: Record<string, string>) {
  const signed = { 'x-amz-date': '20260101T000000Z', ...headers };
  return { method: 'POST', path: '/', query: '', headers: signed, body: new Uint8Array() };
}

const signedFor = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20260101/${region}/sqs/aws4_request, SignedHeaders=host, Signature=00`;

describe('requestRegion', () => {
  it('takes the regional host name, then the SigV4 scope, then the default', () => {
    expect(
      requestRegion(
        request({ host: 'sqs.eu-west-1.amazonaws.com', authorization: signedFor('eu-west-1') }),
        'us-east-1',
      ),
    ).toBe('eu-west-1');
    expect(requestRegion(request({ host: 'ap-south-1.queue.amazonaws.com' }), 'us-east-1')).toBe(
      'ap-south-1',
    );
    expect(
      requestRegion(
        request({ host: 'localhost:4566', authorization: signedFor('eu-central-2') }),
        'us-east-1',
      ),
    ).toBe('eu-central-2');
    expect(requestRegion(request({ host: 'localhost:4566' }), 'us-east-1')).toBe('us-east-1');
  });

  it('refuses a scope that names no AWS region with SigV4 text', () => {
    expect(() =>
      requestRegion(request({ host: 'x', authorization: signedFor('moon') }), 'us-east-1'),
    ).toThrow(
      expect.objectContaining({
        code: 'SignatureDoesNotMatch',
        message: "Credential should be scoped to a valid region, not 'moon'. ",
      }),
    );
  });
});

describe('regionalServices', () => {
  const brokers = [createMemoryBroker()];
  afterAll(() => Promise.all(brokers.map((broker) => broker.close())));

  it('opens one broker per region, once, and at most maxRegions of them', () => {
    const opened: string[] = [];
    const servicesOf = regionalServices({
      defaultRegion: 'us-east-1',
      broker: brokers[0]!,
      maxRegions: 2,
      brokerForRegion(region) {
        opened.push(region);
        const broker = createMemoryBroker({ region });
        brokers.push(broker);
        return broker;
      },
      build: (_broker, region) => ({ region }),
    });
    expect(servicesOf('us-east-1')).toEqual({ region: 'us-east-1' });
    expect(servicesOf.opened('eu-west-1')).toBeUndefined();
    expect(servicesOf('eu-west-1')).toBe(servicesOf('eu-west-1'));
    // A client that invents region names cannot open brokers (SQLite files) without bound.
    expect(() => servicesOf('ap-south-1')).toThrow(expect.objectContaining({ code: 'OverLimit' }));
    expect(opened).toEqual(['eu-west-1']);
    expect(servicesOf.opened('eu-west-1')).toEqual({ region: 'eu-west-1' });
    expect(servicesOf.opened('ap-south-1')).toBeUndefined();
  });

  it('without brokerForRegion serves the default region only', () => {
    const servicesOf = regionalServices({
      defaultRegion: 'us-east-1',
      broker: brokers[0]!,
      build: () => ({}),
    });
    expect(() => servicesOf('eu-west-1')).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch' }),
    );
  });
});
