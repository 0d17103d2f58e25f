import { describe, expect, it } from 'vitest';
import { redactUrl } from './redactUrl.js';

describe('redactUrl', () => {
  it('masks the password and keeps user, host, port and database', () => {
    expect(redactUrl('postgres://app:s3cret@db.internal:5433/sealbus')).toBe(
      'postgres://app:***@db.internal:5433/sealbus',
    );
    expect(redactUrl('postgres://app@db/sealbus')).toBe('postgres://app@db/sealbus');
  });

  it('never echoes a connection string whose password URL parsing would not find', () => {
    // `user:s3cret@db/app` parses as a URL of scheme "user:" with the rest as its path.
    for (const given of ['user:s3cret@db/app', 'host=db password=s3cret', 'not a url s3cret']) {
      expect(redactUrl(given)).toBe('postgres://(unparsable connection string)');
    }
  });
});
