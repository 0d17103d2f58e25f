import { describe, expect, it } from 'vitest';
import { MemoryKmsStorage } from './MemoryKmsStorage.js';

describe('MemoryKmsStorage', () => {
  it('keeps the most recent audit entries when the log exceeds its bound', () => {
    const storage = new MemoryKmsStorage({ maxAuditEntries: 10 });
    for (let i = 0; i < 25; i++) {
      storage.appendAudit({
        eventTime: new Date(i),
        operation: `Op${i}`,
        principal: 'p',
        result: 'ok',
      });
    }
    const all = storage.queryAudit({ limit: 100 });
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.length).toBeLessThanOrEqual(11);
    expect(all.at(-1)).toMatchObject({ id: 25, operation: 'Op24' });
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => 25 - all.length + 1 + i));
  });

  it('rejects a non-positive bound', () => {
    expect(() => new MemoryKmsStorage({ maxAuditEntries: 0 })).toThrow(/maxAuditEntries/);
  });
});
