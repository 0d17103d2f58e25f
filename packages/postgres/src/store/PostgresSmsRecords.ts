import type { PhoneNumberRecord, SmsRecordStore } from '@sealbus/broker-engine';
import type pg from 'pg';

interface PhoneNumberRow {
  phone_number: string;
  opted_out: boolean;
  // BIGINT columns arrive as strings.
  opted_out_ts: string | null;
  opted_in_ts: string | null;
}

function toPhoneNumberRecord(row: PhoneNumberRow): PhoneNumberRecord {
  return {
    phoneNumber: row.phone_number,
    optedOut: row.opted_out,
    ...(row.opted_out_ts === null ? {} : { optedOutTimestamp: Number(row.opted_out_ts) }),
    ...(row.opted_in_ts === null ? {} : { optedInTimestamp: Number(row.opted_in_ts) }),
  };
}

/** The SMS attributes and opt-out list of a PostgreSQL store; each call is one statement. */
export class PostgresSmsRecords implements SmsRecordStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async getSmsAttributes(): Promise<Record<string, string>> {
    const { rows } = await this.#pool.query<{ name: string; value: string }>(
      'SELECT name, value FROM sb_sms_attributes',
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.value]));
  }

  async setSmsAttributes(attributes: Readonly<Record<string, string>>): Promise<void> {
    const entries = Object.entries(attributes);
    if (entries.length === 0) return;
    await this.#pool.query(
      `INSERT INTO sb_sms_attributes (name, value)
       SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      [entries.map(([name]) => name), entries.map(([, value]) => value)],
    );
  }

  async getPhoneNumber(phoneNumber: string): Promise<PhoneNumberRecord | undefined> {
    const { rows } = await this.#pool.query<PhoneNumberRow>(
      'SELECT * FROM sb_phone_numbers WHERE phone_number = $1',
      [phoneNumber],
    );
    return rows[0] === undefined ? undefined : toPhoneNumberRecord(rows[0]);
  }

  async savePhoneNumber(record: PhoneNumberRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO sb_phone_numbers (phone_number, opted_out, opted_out_ts, opted_in_ts)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (phone_number) DO UPDATE SET opted_out = excluded.opted_out,
         opted_out_ts = excluded.opted_out_ts, opted_in_ts = excluded.opted_in_ts`,
      [
        record.phoneNumber,
        record.optedOut,
        record.optedOutTimestamp ?? null,
        record.optedInTimestamp ?? null,
      ],
    );
  }

  async listOptedOutPhoneNumbers(request: { after?: string; limit: number }): Promise<string[]> {
    // The column sorts bytewise (COLLATE "C"), as the other stores do; '' precedes every number.
    const { rows } = await this.#pool.query<{ phone_number: string }>(
      `SELECT phone_number FROM sb_phone_numbers WHERE opted_out AND phone_number > $1
       ORDER BY phone_number LIMIT $2`,
      [request.after ?? '', request.limit],
    );
    return rows.map((row) => row.phone_number);
  }
}
