import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  credentialDigest,
  MAX_CUSTOM_USER_DATA_BYTES,
  resolveApplicationAttributes,
  resolveEndpointAttributes,
} from './platformAttributes.js';

describe('platform application attributes', () => {
  it('never keeps PlatformCredential or PlatformPrincipal, only their digest', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (principalText, credentialText) => {
        // Prefixed so neither can turn up by chance inside the hex digest.
        const principal = `principal:${principalText}`;
        const credential = `credential:${credentialText}`;
        const resolved = resolveApplicationAttributes(
          'APNS',
          { PlatformPrincipal: principal, PlatformCredential: credential },
          undefined,
        );
        expect(resolved.attributes).toEqual({});
        expect(resolved.credentialDigest).toBe(credentialDigest(principal, credential));
        expect(JSON.stringify(resolved)).not.toContain('credential:');
        expect(JSON.stringify(resolved)).not.toContain('principal:');
      }),
    );
  });

  it('keeps the digest on updates that leave the secrets alone', () => {
    const created = resolveApplicationAttributes('GCM', { PlatformCredential: 'k' }, undefined);
    const updated = resolveApplicationAttributes(
      'GCM',
      { SuccessFeedbackSampleRate: '100' },
      created,
    );
    expect(updated).toEqual({
      attributes: { SuccessFeedbackSampleRate: '100' },
      credentialDigest: created.credentialDigest,
    });
  });

  it('SuccessFeedbackSampleRate is an integer from 0 to 100', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5 }), (rate) => {
        const valid = /^\d{1,3}$/.test(rate) && Number(rate) <= 100;
        const call = () =>
          resolveApplicationAttributes(
            'GCM',
            { PlatformCredential: 'k', SuccessFeedbackSampleRate: rate },
            undefined,
          );
        if (valid) expect(call).not.toThrow();
        else
          expect(call).toThrow(
            expect.objectContaining({ code: 'InvalidParameter', field: 'Attributes' }),
          );
      }),
    );
  });
});

describe('platform endpoint attributes', () => {
  it('Enabled is true or false; anything else names the attribute and the value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (value) => {
        const call = () => resolveEndpointAttributes('GCM', { Enabled: value });
        if (value === 'true' || value === 'false')
          expect(call()).toEqual({ token: undefined, attributes: { Enabled: value } });
        else expect(call).toThrow(/Enabled must be true or false/);
      }),
    );
  });

  // CreatePlatformEndpoint: "The data must be in UTF-8 format and less than 2KB."
  it('CustomUserData must be under 2 KB of UTF-8', () => {
    expect(() =>
      resolveEndpointAttributes('GCM', {
        CustomUserData: 'é'.repeat(MAX_CUSTOM_USER_DATA_BYTES / 2),
      }),
    ).toThrow(/CustomUserData Reason: must be less than 2048 bytes; got 2048 bytes/);
    expect(
      resolveEndpointAttributes('GCM', {
        CustomUserData: 'x'.repeat(MAX_CUSTOM_USER_DATA_BYTES - 1),
      }).attributes.CustomUserData,
    ).toHaveLength(MAX_CUSTOM_USER_DATA_BYTES - 1);
  });

  it('refuses unknown attribute names; Baidu endpoints also take ChannelId and UserId', () => {
    expect(() => resolveEndpointAttributes('GCM', { ChannelId: 'c' })).toThrow(
      /Invalid attribute name: ChannelId/,
    );
    expect(resolveEndpointAttributes('BAIDU', { ChannelId: 'c', UserId: 'u' }).attributes).toEqual({
      ChannelId: 'c',
      UserId: 'u',
    });
    expect(resolveEndpointAttributes('GCM', { Token: 't' })).toEqual({
      token: 't',
      attributes: {},
    });
    expect(() => resolveEndpointAttributes('GCM', { Token: '' })).toThrow(/Token Reason/);
  });
});
