import { UnsupportedOperationError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { loadBackendModule } from './loadBackendModule.js';

// A variable specifier, so that the type checker does not resolve it; Node really fails to.
const absent = '@sealbus/no-such-package';

describe('loadBackendModule', () => {
  it('names the backend, the missing package and the install command', async () => {
    const failure = loadBackendModule('aws', () => import(absent));
    await expect(failure).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(failure).rejects.toThrow(
      'The aws backend needs @sealbus/no-such-package, which is not installed. Run: npm install @sealbus/aws @aws-sdk/client-kms',
    );
    await expect(failure).rejects.toMatchObject({ field: 'backend' });
  });

  it('passes other failures through unchanged', async () => {
    const boom = new Error('bad config');
    await expect(loadBackendModule('sqlite', () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('returns the module when it is installed', async () => {
    const module = await loadBackendModule('memory', () => import('@sealbus/memory'));
    expect(typeof module.createMemoryBroker).toBe('function');
  });
});
