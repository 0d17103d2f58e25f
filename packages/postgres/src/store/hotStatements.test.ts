import { describe, expect, it } from 'vitest';
import { customPlanPool, hotStatement } from './hotStatements.js';

const connectionStringOf = (pool: { options: unknown }) =>
  (pool.options as { connectionString: string }).connectionString;

describe('customPlanPool', () => {
  it("adds force_custom_plan to the URL's session options, keeping the options already there", async () => {
    const pool = customPlanPool(
      'postgres://app:secret@db.example:5432/emr?options=-c%20search_path%3Dsealbus&sslmode=require',
      { max: 1 },
    );
    try {
      const url = new URL(connectionStringOf(pool));
      expect(url.searchParams.get('options')).toBe(
        '-c search_path=sealbus -c plan_cache_mode=force_custom_plan',
      );
      expect(url.searchParams.get('sslmode')).toBe('require');
      expect(url.password).toBe('secret');
      expect(hotStatement(pool, 'sealbus_x', 'SELECT $1', [1])).toEqual({
        name: 'sealbus_x',
        text: 'SELECT $1',
        values: [1],
      });
    } finally {
      await pool.end();
    }
  });

  it('leaves a connection string that is not a URL alone, and names no statement on its pool', async () => {
    for (const connectionString of ['host=/var/run/postgresql dbname=emr', 'mysql://db/emr']) {
      const pool = customPlanPool(connectionString, { max: 1 });
      try {
        expect(connectionStringOf(pool)).toBe(connectionString);
        expect(hotStatement(pool, 'sealbus_x', 'SELECT $1', [1])).toEqual({
          text: 'SELECT $1',
          values: [1],
        });
      } finally {
        await pool.end();
      }
    }
  });
});
