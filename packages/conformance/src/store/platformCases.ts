import type { PlatformApplicationRecord, PlatformEndpointRecord } from '@sealbus/broker-engine';
import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import { ok, T0 } from './StoreFixture.js';

const APP = 'arn:aws:sns:us-east-1:000000000000:app/GCM/app';

function application(name = 'app'): PlatformApplicationRecord {
  return {
    arn: `arn:aws:sns:us-east-1:000000000000:app/GCM/${name}`,
    name,
    platform: 'GCM',
    attributes: { EventEndpointCreated: 'arn:aws:sns:us-east-1:000000000000:events' },
    credentialDigest: 'a'.repeat(64),
    createdTimestamp: T0,
  };
}

function endpoint(id: string, token: string, applicationArn = APP): PlatformEndpointRecord {
  return {
    arn: `${applicationArn.replace(':app/', ':endpoint/')}/${id}`,
    applicationArn,
    token,
    attributes: { Enabled: 'true', CustomUserData: `user ${id}` },
    createdTimestamp: T0,
  };
}

export function platformCases(test: DefineStoreCase): void {
  test(
    'creates a platform application once, lists by ARN, patches and deletes it',
    [],
    async (fx) => {
      const { platforms } = fx.store;
      expect((await platforms.createApplication(application())).created).toBe(true);
      const again = await platforms.createApplication({ ...application(), attributes: {} });
      expect(again.created).toBe(false);
      expect(again.record.attributes).toEqual(application().attributes);
      await platforms.createApplication(application('a-first'));
      expect((await platforms.listApplications()).map((a) => a.name)).toEqual(['a-first', 'app']);

      const patched = ok(await platforms.updateApplication(APP, { attributes: { X: '1' } }));
      expect(patched).toMatchObject({ attributes: { X: '1' }, credentialDigest: 'a'.repeat(64) });
      const cleared = ok(
        await platforms.updateApplication(APP, { attributes: {}, credentialDigest: null }),
      );
      expect(cleared.credentialDigest).toBeUndefined();
      expect((await platforms.getApplication(APP))?.credentialDigest).toBeUndefined();

      expect(await platforms.deleteApplication(APP)).toBe(true);
      expect(await platforms.deleteApplication(APP)).toBe(false);
      expect(await platforms.getApplication(APP)).toBeUndefined();
      expect(await platforms.updateApplication(APP, { attributes: {} })).toEqual({
        miss: 'platformApplicationMissing',
        applicationArn: APP,
      });
    },
  );

  test(
    'keeps one endpoint per application and token; a missing application is a miss',
    [],
    async (fx) => {
      const { platforms } = fx.store;
      expect(await platforms.createEndpoint(endpoint('e1', 'tok'))).toEqual({
        miss: 'platformApplicationMissing',
        applicationArn: APP,
      });
      await platforms.createApplication(application());
      await platforms.createApplication(application('other'));
      const first = ok(await platforms.createEndpoint(endpoint('e1', 'tok')));
      expect(first.created).toBe(true);
      // Same token, new ARN and attributes: the stored endpoint comes back unchanged.
      const same = ok(await platforms.createEndpoint({ ...endpoint('e2', 'tok'), attributes: {} }));
      expect(same).toEqual({ created: false, record: endpoint('e1', 'tok') });
      // The same token under another application is another endpoint.
      const otherApp = APP.replace('/app', '/other');
      expect(ok(await platforms.createEndpoint(endpoint('e3', 'tok', otherApp))).created).toBe(
        true,
      );
      await platforms.createEndpoint(endpoint('e0', 'tok-0'));
      expect((await platforms.listEndpoints(APP)).map((e) => e.token)).toEqual(['tok-0', 'tok']);
      expect(await platforms.getEndpoint(endpoint('e2', 'tok').arn)).toBeUndefined();
    },
  );

  test(
    'updates an endpoint token and attributes, deletes it, and deletes endpoints with their application',
    [],
    async (fx) => {
      const { platforms } = fx.store;
      await platforms.createApplication(application());
      const { arn } = endpoint('e1', 'tok');
      await platforms.createEndpoint(endpoint('e1', 'tok'));
      const updated = ok(
        await platforms.updateEndpoint(arn, { token: 'new', attributes: { Enabled: 'false' } }),
      );
      expect(updated).toMatchObject({ token: 'new', attributes: { Enabled: 'false' } });
      expect(await platforms.getEndpoint(arn)).toEqual(updated);
      // The old token is free again, the new one taken.
      expect(ok(await platforms.createEndpoint(endpoint('e2', 'tok'))).created).toBe(true);
      expect(ok(await platforms.createEndpoint(endpoint('e3', 'new'))).record.arn).toBe(arn);

      expect(await platforms.deleteEndpoint(arn)).toBe(true);
      expect(await platforms.deleteEndpoint(arn)).toBe(false);
      expect(await platforms.updateEndpoint(arn, { token: 't', attributes: {} })).toEqual({
        miss: 'platformEndpointMissing',
        endpointArn: arn,
      });
      await platforms.deleteApplication(APP);
      expect(await platforms.getEndpoint(endpoint('e2', 'tok').arn)).toBeUndefined();
      expect(await platforms.listEndpoints(APP)).toEqual([]);
    },
  );

  test(
    'keeps platform applications and endpoints across a reopen',
    ['persistent'],
    async (fx, reopen) => {
      await fx.store.platforms.createApplication(application());
      await fx.store.platforms.createEndpoint(endpoint('e1', 'tok'));
      const after = await reopen();
      expect(await after.store.platforms.getApplication(APP)).toEqual(application());
      expect(await after.store.platforms.getEndpoint(endpoint('e1', 'tok').arn)).toEqual(
        endpoint('e1', 'tok'),
      );
    },
  );
}
