import { expect, it } from 'vitest';
import { splitEngineOptions } from './createEngineBroker.js';

it('splitEngineOptions hands the engine every engine option a backend was given, and the backend its own', () => {
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
  const [engine, own] = splitEngineOptions(backendOptions);
  expect(own).toEqual({ path: '/tmp/x.db', rootKeyPath: '/tmp/x.key' });
  expect(engine).toEqual({
    region: 'eu-west-1',
    accountId: '123456789012',
    baseUrl: 'http://127.0.0.1:1',
    retentionSweepIntervalMs: 5,
    envelope: {},
    snsHttp: { allowNonLoopbackEndpoints: false },
  });
  expect(splitEngineOptions({ path: '/tmp/y.db', region: undefined })).toEqual([
    {},
    { path: '/tmp/y.db' },
  ]);
});
