import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH_PLATFORMS } from '../types/mobilePush.js';
import {
  isPlatformEndpointArn,
  parsePlatformApplicationArn,
  parsePlatformEndpointArn,
  platformApplicationArn,
  platformEndpointArn,
} from './platformArn.js';

const platform = fc.constantFrom(...PUSH_PLATFORMS);
/** SNS application names: 1–256 of letters, digits, `_`, `-`, `.`. */
const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,256}$/);
const region = fc.constantFrom('us-east-1', 'eu-west-2', 'ap-south-1');
const account = fc.stringMatching(/^\d{12}$/);

describe('platform application and endpoint ARNs', () => {
  it('build and parse back, application and endpoint alike', () => {
    fc.assert(
      fc.property(platform, name, region, account, fc.uuid(), (p, n, r, a, id) => {
        const app = platformApplicationArn(p, n, { region: r, accountId: a });
        expect(app).toBe(`arn:aws:sns:${r}:${a}:app/${p}/${n}`);
        expect(parsePlatformApplicationArn(app)).toMatchObject({ platform: p, name: n });
        const endpoint = platformEndpointArn(app, id);
        expect(endpoint).toBe(`arn:aws:sns:${r}:${a}:endpoint/${p}/${n}/${id}`);
        expect(isPlatformEndpointArn(endpoint)).toBe(true);
        expect(parsePlatformEndpointArn(endpoint)).toMatchObject({
          applicationArn: app,
          endpointId: id,
          platform: p,
        });
      }),
    );
  });

  it('refuses anything else with InvalidParameter naming the field', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const arn = `arn:aws:sns:us-east-1:000000000000:${text}`;
        fc.pre(!/^app\/[A-Z_]+\/[A-Za-z0-9_.-]{1,256}$/.test(text));
        expect(() => parsePlatformApplicationArn(arn)).toThrow(
          expect.objectContaining({ code: 'InvalidParameter', field: 'PlatformApplicationArn' }),
        );
      }),
    );
    expect(() =>
      parsePlatformApplicationArn('arn:aws:sns:us-east-1:000000000000:app/PIGEON/a'),
    ).toThrow(/PlatformApplicationArn/);
    expect(() => parsePlatformEndpointArn('arn:aws:sns:us-east-1:000000000000:app/GCM/a')).toThrow(
      /EndpointArn/,
    );
  });
});
