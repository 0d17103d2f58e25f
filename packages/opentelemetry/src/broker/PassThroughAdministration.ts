/** The administration calls queues and topics share, which tracing passes straight through. */
interface Administered<Attributes, Settable, Permission> {
  getAttributes(): Promise<Attributes>;
  setAttributes(attributes: Partial<Settable>): Promise<void>;
  tag(tags: Record<string, string>): Promise<void>;
  untag(tagKeys: string[]): Promise<void>;
  listTags(): Promise<Record<string, string>>;
  addPermission(permission: Permission): Promise<void>;
  removePermission(label: string): Promise<void>;
}

/**
 * Attributes, tags and permissions of a traced queue or topic: no spans (they carry no message),
 * just the wrapped resource's answer.
 */
export abstract class PassThroughAdministration<Attributes, Settable, Permission>
  implements Administered<Attributes, Settable, Permission>
{
  readonly #inner: Administered<Attributes, Settable, Permission>;

  constructor(inner: Administered<Attributes, Settable, Permission>) {
    this.#inner = inner;
  }

  getAttributes(): Promise<Attributes> {
    return this.#inner.getAttributes();
  }

  setAttributes(attributes: Partial<Settable>): Promise<void> {
    return this.#inner.setAttributes(attributes);
  }

  tag(tags: Record<string, string>): Promise<void> {
    return this.#inner.tag(tags);
  }

  untag(tagKeys: string[]): Promise<void> {
    return this.#inner.untag(tagKeys);
  }

  listTags(): Promise<Record<string, string>> {
    return this.#inner.listTags();
  }

  addPermission(permission: Permission): Promise<void> {
    return this.#inner.addPermission(permission);
  }

  removePermission(label: string): Promise<void> {
    return this.#inner.removePermission(label);
  }
}
