import type pg from 'pg';

/**
 * Schema steps, applied in order; the number applied is the row in `sealbus_schema_version`.
 * Append new steps, never edit old ones: databases in use hold them.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the local KMS (same columns as the SQLite KMS tables; times are epoch ms).
  `CREATE TABLE kms_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE kms_keys (
     key_id TEXT PRIMARY KEY,
     description TEXT NOT NULL,
     key_manager TEXT NOT NULL,
     creation_date BIGINT NOT NULL,
     key_state TEXT NOT NULL,
     deletion_date BIGINT,
     pending_window_days INTEGER,
     policy TEXT NOT NULL,
     tags TEXT NOT NULL,
     rotation_enabled INTEGER NOT NULL,
     rotation_period_days INTEGER,
     next_rotation_date BIGINT,
     key_usage TEXT NOT NULL,
     key_spec TEXT NOT NULL
   );
   CREATE TABLE kms_key_material (
     key_id TEXT NOT NULL,
     version INTEGER NOT NULL,
     wrapped BYTEA NOT NULL,
     created_at BIGINT,
     rotation_type TEXT,
     PRIMARY KEY (key_id, version)
   );
   CREATE TABLE kms_aliases (
     alias_name TEXT PRIMARY KEY,
     target_key_id TEXT NOT NULL,
     creation_date BIGINT NOT NULL,
     last_updated_date BIGINT NOT NULL
   );
   CREATE INDEX kms_aliases_target ON kms_aliases (target_key_id, alias_name);
   CREATE TABLE kms_grants (
     grant_id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     key_id TEXT NOT NULL,
     name TEXT,
     grantee_principal TEXT NOT NULL,
     retiring_principal TEXT,
     issuing_account TEXT NOT NULL,
     operations TEXT NOT NULL,
     constraints TEXT,
     creation_date BIGINT NOT NULL
   );
   CREATE INDEX kms_grants_key ON kms_grants (key_id, grant_id);
   CREATE INDEX kms_grants_retiring ON kms_grants (retiring_principal, grant_id);
   CREATE TABLE kms_audit (
     id BIGSERIAL PRIMARY KEY,
     event_time BIGINT NOT NULL,
     operation TEXT NOT NULL,
     key_arn TEXT,
     principal TEXT NOT NULL,
     on_behalf_of TEXT,
     encryption_context TEXT,
     destination_key_arn TEXT,
     destination_encryption_context TEXT,
     result TEXT NOT NULL,
     error_code TEXT
   );
   CREATE INDEX kms_audit_key ON kms_audit (key_arn, id);
   CREATE INDEX kms_audit_destination_key ON kms_audit (destination_key_arn, id);`,
  // 2: the message store. Messages point at their queue by id, so a queue deleted and created
  // again under its name never sees the old rows; `seq` is arrival order. No foreign key to
  // sb_queues: its check would lock the queue row for every message written, and concurrent
  // senders would queue up on that one row; deleteQueue removes the rows itself.
  `CREATE TABLE sb_queues (
     id BIGSERIAL PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     arn TEXT NOT NULL,
     attributes JSONB NOT NULL,
     tags JSONB NOT NULL,
     created_ts BIGINT NOT NULL,
     modified_ts BIGINT NOT NULL,
     sealing_since BIGINT,
     next_sequence BIGINT NOT NULL DEFAULT 0
   );
   CREATE TABLE sb_messages (
     seq BIGSERIAL PRIMARY KEY,
     queue_id BIGINT NOT NULL,
     message_id TEXT NOT NULL,
     body BYTEA NOT NULL,
     message_attributes TEXT,
     sent_ts BIGINT NOT NULL,
     visible_at BIGINT NOT NULL,
     receive_count INTEGER NOT NULL DEFAULT 0,
     claimed BOOLEAN NOT NULL DEFAULT false,
     first_receive_ts BIGINT,
     receipt_handle TEXT,
     group_id TEXT,
     deduplication_id TEXT,
     sequence_number TEXT,
     sender_id TEXT,
     trace_header TEXT,
     dead_letter_source_arn TEXT,
     encryption_context TEXT,
     md5_of_body TEXT
   );
   CREATE INDEX sb_messages_visible ON sb_messages (queue_id, visible_at, seq);
   CREATE INDEX sb_messages_handle ON sb_messages (queue_id, receipt_handle)
     WHERE receipt_handle IS NOT NULL;
   CREATE INDEX sb_messages_group ON sb_messages (queue_id, (COALESCE(group_id, '')), sequence_number)
     WHERE sequence_number IS NOT NULL;
   CREATE INDEX sb_messages_sent ON sb_messages (queue_id, sent_ts);
   CREATE TABLE sb_deduplication (
     queue_id BIGINT NOT NULL,
     scope TEXT NOT NULL,
     deduplication_id TEXT NOT NULL,
     message_id TEXT NOT NULL,
     sequence_number TEXT,
     expires_at BIGINT NOT NULL,
     PRIMARY KEY (queue_id, scope, deduplication_id)
   );
   CREATE INDEX sb_deduplication_expiry ON sb_deduplication (queue_id, expires_at);
   CREATE TABLE sb_topics (
     name TEXT PRIMARY KEY,
     arn TEXT NOT NULL,
     attributes JSONB NOT NULL,
     tags JSONB NOT NULL,
     created_ts BIGINT NOT NULL
   );
   CREATE TABLE sb_subscriptions (
     seq BIGSERIAL,
     arn TEXT PRIMARY KEY,
     topic_arn TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     attributes JSONB NOT NULL
   );
   CREATE INDEX sb_subscriptions_topic ON sb_subscriptions (topic_arn, seq);
   CREATE TABLE sb_move_tasks (
     seq BIGSERIAL,
     task_handle TEXT PRIMARY KEY,
     source_arn TEXT NOT NULL,
     started_ts BIGINT NOT NULL,
     record JSONB NOT NULL
   );
   CREATE INDEX sb_move_tasks_source ON sb_move_tasks (source_arn, started_ts);`,
  // 3: subscriptions beyond SQS: the protocol, and the token digest while confirmation is pending.
  `ALTER TABLE sb_subscriptions ADD COLUMN protocol TEXT NOT NULL DEFAULT 'sqs';
   ALTER TABLE sb_subscriptions ADD COLUMN confirmation_digest TEXT;`,
  // 4: SMS: the account's SetSMSAttributes values and the opt-out list, with the last opt-out and
  // opt-in times (epoch ms) the 30-day opt-in rule reads.
  `CREATE TABLE sb_sms_attributes (name TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE sb_phone_numbers (
     phone_number TEXT COLLATE "C" PRIMARY KEY,
     opted_out BOOLEAN NOT NULL,
     opted_out_ts BIGINT,
     opted_in_ts BIGINT
   );`,
  // 5: SNS mobile push: platform applications and endpoints, each a JSON record. The record never
  // holds PlatformCredential or PlatformPrincipal, only their SHA-256 digest.
  `CREATE TABLE sb_platform_applications (arn TEXT PRIMARY KEY, record JSONB NOT NULL);
   CREATE TABLE sb_platform_endpoints (
     arn TEXT PRIMARY KEY,
     application_arn TEXT NOT NULL,
     token TEXT NOT NULL,
     record JSONB NOT NULL,
     UNIQUE (application_arn, token)
   );`,
  // 6: processes keep copies of queue records; every change of one (a statement that sets a
  // record column, or a delete) is announced to their listeners when it commits, whoever made it.
  // Not \`next_sequence\`: a FIFO send's counter must not put a NOTIFY in every send transaction.
  `CREATE FUNCTION sb_queue_record_changed() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify('sealbus_queue_records', OLD.name);
     RETURN NULL;
   END $$;
   CREATE TRIGGER sb_queues_record_changed
     AFTER UPDATE OF name, arn, attributes, tags, created_ts, modified_ts, sealing_since OR DELETE
     ON sb_queues FOR EACH ROW EXECUTE FUNCTION sb_queue_record_changed();`,
];

/**
 * The advisory lock (one bigint, "sealbus" in ASCII) that serializes migrations: every process
 * that opens the database runs `migrate`, and only the first applies anything.
 */
export const MIGRATION_LOCK = 0x7365616c627573n;

/** The outcome of one `migrate` call. */
export interface MigrationResult {
  /** The schema version found before this call. */
  from: number;
  /** The schema version after it (the newest this package knows). */
  to: number;
}

/**
 * Brings the schema up to date in one transaction under `MIGRATION_LOCK`: DDL is transactional
 * in PostgreSQL, so a process that dies half-way leaves the old schema, and processes starting at
 * once wait for the first and then find nothing to do.
 */
export async function migrate(pool: pg.Pool): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS sealbus_schema_version (version INTEGER NOT NULL)',
    );
    const rows = (
      await client.query<{ version: number }>('SELECT version FROM sealbus_schema_version')
    ).rows;
    const from = rows[0]?.version ?? 0;
    if (from > MIGRATIONS.length) {
      throw new Error(
        `The sealbus tables are at schema version ${from}, newer than this @sealbus/postgres (${MIGRATIONS.length}); upgrade it to open this database.`,
      );
    }
    for (const step of MIGRATIONS.slice(from)) await client.query(step);
    if (rows.length === 0) {
      await client.query('INSERT INTO sealbus_schema_version (version) VALUES ($1)', [
        MIGRATIONS.length,
      ]);
    } else {
      await client.query('UPDATE sealbus_schema_version SET version = $1', [MIGRATIONS.length]);
    }
    await client.query('COMMIT');
    return { from, to: MIGRATIONS.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
