import type { PhoneNumberRecord, SmsRecordStore } from '@sealbus/broker-engine';
import type Database from 'better-sqlite3';
import type { WriteBatcher } from '../database/WriteBatcher.js';
import type { Prepared } from './statements.js';

interface PhoneNumberRow {
  phone_number: string;
  opted_out: number;
  opted_out_ts: number | null;
  opted_in_ts: number | null;
}

function toPhoneNumberRecord(row: PhoneNumberRow): PhoneNumberRecord {
  return {
    phoneNumber: row.phone_number,
    optedOut: row.opted_out === 1,
    ...(row.opted_out_ts === null ? {} : { optedOutTimestamp: row.opted_out_ts }),
    ...(row.opted_in_ts === null ? {} : { optedInTimestamp: row.opted_in_ts }),
  };
}

/** The SMS attributes and opt-out list of a SQLite store; writes go through its group commit. */
export class SqliteSmsRecords implements SmsRecordStore {
  readonly #writer: WriteBatcher;
  readonly #sql;

  constructor(db: Database.Database, writer: WriteBatcher) {
    this.#writer = writer;
    const p = <T = unknown>(sql: string): Prepared<T> => db.prepare(sql) as unknown as Prepared<T>;
    this.#sql = {
      attributes: p<{ name: string; value: string }>('SELECT name, value FROM sms_attributes'),
      setAttribute: p(
        `INSERT INTO sms_attributes (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      ),
      phoneNumber: p<PhoneNumberRow>('SELECT * FROM phone_numbers WHERE phone_number = ?'),
      savePhoneNumber: p(
        `INSERT OR REPLACE INTO phone_numbers (phone_number, opted_out, opted_out_ts, opted_in_ts)
         VALUES (?, ?, ?, ?)`,
      ),
      optedOut: p<{ phone_number: string }>(
        `SELECT phone_number FROM phone_numbers WHERE opted_out = 1 AND phone_number > ?
         ORDER BY phone_number LIMIT ?`,
      ),
    };
  }

  async getSmsAttributes(): Promise<Record<string, string>> {
    return Object.fromEntries(this.#sql.attributes.all().map((row) => [row.name, row.value]));
  }

  setSmsAttributes(attributes: Readonly<Record<string, string>>): Promise<void> {
    return this.#writer.run(() => {
      for (const [name, value] of Object.entries(attributes)) {
        this.#sql.setAttribute.run(name, value);
      }
    });
  }

  async getPhoneNumber(phoneNumber: string): Promise<PhoneNumberRecord | undefined> {
    const row = this.#sql.phoneNumber.get(phoneNumber);
    return row === undefined ? undefined : toPhoneNumberRecord(row);
  }

  savePhoneNumber(record: PhoneNumberRecord): Promise<void> {
    return this.#writer.run(() => {
      this.#sql.savePhoneNumber.run(
        record.phoneNumber,
        record.optedOut ? 1 : 0,
        record.optedOutTimestamp ?? null,
        record.optedInTimestamp ?? null,
      );
    });
  }

  async listOptedOutPhoneNumbers(request: { after?: string; limit: number }): Promise<string[]> {
    // '' sorts before every number, so no `after` lists from the start.
    return this.#sql.optedOut
      .all(request.after ?? '', request.limit)
      .map((row) => row.phone_number);
  }
}
