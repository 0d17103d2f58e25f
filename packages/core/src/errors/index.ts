export * from './kms.js';
export * from './request.js';
export * from './SealbusError.js';
export * from './service.js';
export * from './sns.js';
export * from './sqs.js';
