import { kmsError } from '../errors/kmsErrorTable.js';
import type { KmsContext } from '../kms/KmsContext.js';
import { MAX_TAGS, validateTagKey, validateTags } from '../requestValidation.js';

/** TagResource, UntagResource and ListResourceTags on keys. */
export class TagOperations {
  constructor(private readonly ctx: KmsContext) {}

  /** Adds tags or replaces the values of existing tag keys; at most 50 tags per key. */
  tagResource(keyId: string, tags: Record<string, string>, principal?: string): Promise<void> {
    return this.ctx.call('TagResource', { keyId, principal }, (record) => {
      const added = validateTags(tags);
      this.ctx.updateKey(keyId, record, 'kms:TagResource', (key) => {
        this.ctx.requireCustomerManaged(key, 'kms:TagResource', record.principal);
        this.ctx.requireNotPendingDeletion(key);
        const merged = { ...key.tags, ...added };
        const count = Object.keys(merged).length;
        if (count > MAX_TAGS) {
          throw kmsError('tagLimit', { arn: this.ctx.arnOf(key), count, limit: MAX_TAGS });
        }
        key.tags = merged;
      });
    });
  }

  untagResource(keyId: string, tagKeys: string[], principal?: string): Promise<void> {
    return this.ctx.call('UntagResource', { keyId, principal }, (record) => {
      if (!Array.isArray(tagKeys)) {
        throw kmsError(
          'invalidParameter',
          { detail: 'TagKeys must be a list of tag keys.' },
          { field: 'TagKeys' },
        );
      }
      for (const tagKey of tagKeys) validateTagKey(tagKey);
      this.ctx.updateKey(keyId, record, 'kms:UntagResource', (key) => {
        this.ctx.requireCustomerManaged(key, 'kms:UntagResource', record.principal);
        this.ctx.requireNotPendingDeletion(key);
        key.tags = Object.fromEntries(
          Object.entries(key.tags).filter(([tagKey]) => !tagKeys.includes(tagKey)),
        );
      });
    });
  }

  listResourceTags(keyId: string, principal?: string): Promise<Record<string, string>> {
    return this.ctx.call('ListResourceTags', { keyId, principal }, (record) => {
      const key = this.ctx.resolveKey(keyId, record);
      this.ctx.authorize(key, record, 'kms:ListResourceTags');
      return { ...key.tags };
    });
  }
}
