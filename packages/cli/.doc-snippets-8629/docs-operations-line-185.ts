import { createLogger } from '@sealbus/cli';

const logger = createLogger({ level: 'info', correlationId: 'import-2026-11-25' });
logger
  .child({ queueUrl: 'http://127.0.0.1:4566/000000000000/billing' })
  .info({ messageId: '5fd1…', body: 'dropped before writing' }, 'message sent');
