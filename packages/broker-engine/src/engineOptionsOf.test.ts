import { expect, it } from 'vitest';
import { engineOptionsOf } from './createEngineBroker.js';

it("engineOptionsOf hands on every engine option a backend was given, and none of the backend's own", () => {
  const backendOptions = {
    path: '/tmp/x.db',
    rootKeyPath: '/tmp/x.key',
    region: 'eu-west-1',
    accountId: '123456789012',
    baseUrl: 'http://127.0.0.1:1',
    retentionSweepIntervalMs: 5,
    envelope: {},
    snsHttp: { allowNonLoopbackEndpoints: false } as never,
  };
  expect(engineOptionsOf(backendOptions)).toEqual({
    region: 'eu-west-1',
    accountId: '123456789012',
    baseUrl: 'http://127.0.0.1:1',
    retentionSweepIntervalMs: 5,
    envelope: {},
    snsHttp: { allowNonLoopbackEndpoints: false },
  });
  expect(engineOptionsOf({ path: '/tmp/y.db' } as object)).toEqual({});
});
