import { describe, expect, it } from 'vitest';
import { resolveSubscriptionAttributes } from './subscriptionAttributes.js';

describe('resolveSubscriptionAttributes', () => {
  it('defaults to the attribute scope and enveloped delivery', () => {
    expect(resolveSubscriptionAttributes({})).toEqual({
      filterPolicyScope: 'MessageAttributes',
      rawMessageDelivery: false,
    });
  });

  it('parses a JSON policy and keeps the object', () => {
    const resolved = resolveSubscriptionAttributes({
      filterPolicy: '{"ward":["icu"]}',
      rawMessageDelivery: true,
    });
    expect(resolved).toEqual({
      filterPolicy: { ward: ['icu'] },
      filterPolicyScope: 'MessageAttributes',
      rawMessageDelivery: true,
    });
  });

  it('merges onto existing attributes; an empty policy removes it', () => {
    const existing = resolveSubscriptionAttributes({ filterPolicy: { ward: ['icu'] } });
    const raw = resolveSubscriptionAttributes({ rawMessageDelivery: true }, existing);
    expect(raw.filterPolicy).toEqual({ ward: ['icu'] });
    expect(raw.rawMessageDelivery).toBe(true);
    expect(resolveSubscriptionAttributes({ filterPolicy: '' }, raw)).not.toHaveProperty(
      'filterPolicy',
    );
  });

  it('rechecks a kept policy when the scope changes', () => {
    const existing = resolveSubscriptionAttributes({
      filterPolicy: { order: { type: ['lab'] } },
      filterPolicyScope: 'MessageBody',
    });
    expect(() =>
      resolveSubscriptionAttributes({ filterPolicyScope: 'MessageAttributes' }, existing),
    ).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });

  it('names the field of a bad value', () => {
    expect(() =>
      resolveSubscriptionAttributes({ filterPolicyScope: 'Body' as 'MessageBody' }),
    ).toThrow(expect.objectContaining({ code: 'InvalidParameter', field: 'FilterPolicyScope' }));
    expect(() =>
      resolveSubscriptionAttributes({ rawMessageDelivery: 'yes' as unknown as boolean }),
    ).toThrow(expect.objectContaining({ field: 'RawMessageDelivery' }));
  });
});
