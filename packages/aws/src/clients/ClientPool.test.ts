import { describe, expect, it } from 'vitest';
import { ClientPool } from './ClientPool.js';

const CONFIGS = {
  sqs: { region: 'us-east-1', credentials: { accessKeyId: 'BROKER', secretAccessKey: 's' } },
  sns: { region: 'us-east-1', credentials: { accessKeyId: 'BROKER', secretAccessKey: 's' } },
  kms: { region: 'us-east-1', credentials: { accessKeyId: 'BROKER', secretAccessKey: 's' } },
};

describe('ClientPool', () => {
  it('uses the broker clients when no principal is named or no mapping is configured', () => {
    const pool = new ClientPool(CONFIGS);
    expect(pool.sqs('arn:aws:iam::1:role/a')).toBe(pool.defaults.sqs);
    expect(pool.kms()).toBe(pool.defaults.kms);
    pool.destroy();
  });

  it('builds one client set per principal with that principal’s credentials', async () => {
    const asked: string[] = [];
    const pool = new ClientPool(CONFIGS, (principal) => {
      asked.push(principal);
      return { accessKeyId: `KEY-${principal.length}`, secretAccessKey: 's' };
    });
    const role = 'arn:aws:iam::000000000000:role/billing';
    const sqs = pool.sqs(role);
    expect(sqs).not.toBe(pool.defaults.sqs);
    expect(pool.sqs(role)).toBe(sqs);
    expect(pool.sns(role)).not.toBe(pool.defaults.sns);
    expect(asked).toEqual([role]);
    expect((await sqs.config.credentials()).accessKeyId).toBe(`KEY-${role.length}`);
    expect((await pool.defaults.sqs.config.credentials()).accessKeyId).toBe('BROKER');
    pool.destroy();
  });
});
