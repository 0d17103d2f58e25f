import { randomUUID } from 'node:crypto';
import {
  checkOptionKeys,
  describeValue,
  EndpointDisabledError,
  InvalidParameterError,
  isPushPlatform,
  isValidPlatformApplicationName,
  type PlatformApplication,
  type PlatformEndpoint,
  PUBLISH_OPTION_KEYS,
  PUSH_PLATFORMS,
  type PublishOptions,
  type PublishResult,
  parsePlatformApplicationArn,
  parsePlatformEndpointArn,
  platformApplicationArn,
  platformEndpointArn,
  type ResolvedTopicAttributes,
  validatePublish,
} from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import { newMessageId } from '../engine/ids.js';
import type { PlatformApplicationRecord, PlatformEndpointRecord } from '../store/PlatformStore.js';
import { platformApplicationMissing, platformEndpointMissing } from '../store/StoreMiss.js';
import { orThrow } from '../store/storeMissError.js';
import { messageTexts } from '../topics/messageStructure.js';
import {
  applicationAttributesView,
  checkedToken,
  endpointAttributesView,
  resolveApplicationAttributes,
  resolveEndpointAttributes,
} from './platformAttributes.js';
import { recordPushNotification } from './recordPush.js';

/** A direct publish follows the rules of a standard topic's publish (size, subject, attributes). */
const DIRECT_PUBLISH: ResolvedTopicAttributes = {
  FifoTopic: false,
  ContentBasedDeduplication: false,
};

/**
 * SNS mobile push over the store's platform records: platform applications, endpoints, and
 * direct publishes to an endpoint, recorded instead of sent (nothing leaves the machine).
 */
export class MobilePush {
  readonly #ctx: EngineContext;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  async createApplication(
    name: string,
    platform: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<PlatformApplication> {
    this.#ctx.assertOpen();
    if (!isValidPlatformApplicationName(name)) {
      throw new InvalidParameterError(
        `Invalid parameter: Name Reason: must be 1 to 256 of A-Z, a-z, 0-9, _ - . ; got ${describeValue(name)}`,
        { field: 'Name' },
      );
    }
    if (!isPushPlatform(platform)) {
      throw new InvalidParameterError(
        `Invalid parameter: Platform Reason: must be one of ${PUSH_PLATFORMS.join(', ')}; got ${describeValue(platform)}`,
        { field: 'Platform' },
      );
    }
    const resolved = resolveApplicationAttributes(platform, attributes, undefined);
    const record: PlatformApplicationRecord = {
      arn: platformApplicationArn(platform, name, this.#ctx),
      name,
      platform,
      attributes: resolved.attributes,
      createdTimestamp: this.#ctx.clock.now(),
    };
    if (resolved.credentialDigest !== undefined)
      record.credentialDigest = resolved.credentialDigest;
    const { created, record: stored } = await this.#ctx.store.platforms.createApplication(record);
    if (created) return toApplication(stored);
    // Creating an existing name again replaces its attributes and credentials.
    return toApplication(
      orThrow(
        await this.#ctx.store.platforms.updateApplication(stored.arn, {
          attributes: resolved.attributes,
          credentialDigest: resolved.credentialDigest ?? null,
        }),
      ),
    );
  }

  async getApplicationAttributes(arn: string): Promise<Record<string, string>> {
    return applicationAttributesView((await this.#application(arn)).attributes);
  }

  async setApplicationAttributes(
    arn: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<void> {
    const record = await this.#application(arn);
    const resolved = resolveApplicationAttributes(record.platform, attributes, {
      attributes: record.attributes,
      credentialDigest: record.credentialDigest,
    });
    orThrow(
      await this.#ctx.store.platforms.updateApplication(arn, {
        attributes: resolved.attributes,
        ...(resolved.credentialDigest === undefined
          ? {}
          : { credentialDigest: resolved.credentialDigest }),
      }),
    );
  }

  async listApplications(): Promise<PlatformApplication[]> {
    this.#ctx.assertOpen();
    return (await this.#ctx.store.platforms.listApplications()).map(toApplication);
  }

  async deleteApplication(arn: string): Promise<void> {
    this.#ctx.assertOpen();
    parsePlatformApplicationArn(arn);
    await this.#ctx.store.platforms.deleteApplication(arn);
  }

  async createEndpoint(
    applicationArn: string,
    token: string,
    attributes: Readonly<Record<string, string>> = {},
  ): Promise<PlatformEndpoint> {
    const application = await this.#application(applicationArn);
    const checked = checkedToken(token);
    const resolved = resolveEndpointAttributes(application.platform, attributes);
    if (resolved.token !== undefined && resolved.token !== checked) {
      throw new InvalidParameterError(
        'Invalid parameter: Attributes Reason: Token differs from the Token parameter; pass it once',
        { field: 'Attributes.Token' },
      );
    }
    // "When using CreatePlatformEndpoint with Baidu, two attributes must be provided: ChannelId and UserId."
    if (application.platform === 'BAIDU') {
      for (const name of ['ChannelId', 'UserId']) {
        if (resolved.attributes[name] === undefined) {
          throw new InvalidParameterError(
            `Invalid parameter: Attributes Reason: ${name} is required for BAIDU endpoints`,
            { field: `Attributes.${name}` },
          );
        }
      }
    }
    const record: PlatformEndpointRecord = {
      arn: platformEndpointArn(application.arn, randomUUID()),
      applicationArn: application.arn,
      token: checked,
      attributes: { Enabled: 'true', ...resolved.attributes },
      createdTimestamp: this.#ctx.clock.now(),
    };
    const { created, record: stored } = orThrow(
      await this.#ctx.store.platforms.createEndpoint(record),
    );
    // "If the requester already owns an endpoint with the same device token and attributes,
    // that endpoint's ARN is returned without creating a new endpoint."
    if (!created && !sameAttributes(stored.attributes, record.attributes)) {
      throw new InvalidParameterError(
        `Invalid parameter: Token Reason: Endpoint ${stored.arn} already exists with the same Token, but different attributes.`,
        { field: 'Token' },
      );
    }
    return toEndpoint(stored);
  }

  async getEndpointAttributes(arn: string): Promise<Record<string, string>> {
    const record = await this.#endpoint(arn);
    return endpointAttributesView(record.token, record.attributes);
  }

  async setEndpointAttributes(
    arn: string,
    attributes: Readonly<Record<string, string>>,
  ): Promise<void> {
    const record = await this.#endpoint(arn);
    const { platform } = parsePlatformEndpointArn(arn);
    const resolved = resolveEndpointAttributes(platform, attributes);
    orThrow(
      await this.#ctx.store.platforms.updateEndpoint(arn, {
        token: resolved.token ?? record.token,
        attributes: { ...record.attributes, ...resolved.attributes },
      }),
    );
  }

  async listEndpoints(applicationArn: string): Promise<PlatformEndpoint[]> {
    const application = await this.#application(applicationArn);
    return (await this.#ctx.store.platforms.listEndpoints(application.arn)).map(toEndpoint);
  }

  async deleteEndpoint(arn: string): Promise<void> {
    this.#ctx.assertOpen();
    parsePlatformEndpointArn(arn);
    await this.#ctx.store.platforms.deleteEndpoint(arn);
  }

  /** `Publish` with an endpoint `TargetArn`: recorded as the push service would receive it. */
  async publish(
    endpointArn: string,
    body: string,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    checkOptionKeys(options, PUBLISH_OPTION_KEYS);
    for (const fifoOnly of ['messageGroupId', 'messageDeduplicationId'] as const) {
      if (options[fifoOnly] !== undefined) {
        throw new InvalidParameterError(
          `Invalid parameter: ${fifoOnly === 'messageGroupId' ? 'MessageGroupId' : 'MessageDeduplicationId'} Reason: The request includes ${fifoOnly === 'messageGroupId' ? 'MessageGroupId' : 'MessageDeduplicationId'} parameter that is not valid for this topic type`,
          { field: fifoOnly === 'messageGroupId' ? 'MessageGroupId' : 'MessageDeduplicationId' },
        );
      }
    }
    const endpoint = await this.#endpoint(endpointArn, 'TargetArn');
    validatePublish(body, options, DIRECT_PUBLISH);
    const textFor = messageTexts(body, options);
    if (endpoint.attributes.Enabled === 'false') {
      throw new EndpointDisabledError(
        `Endpoint ${endpoint.arn} is disabled (Enabled=false), so SNS refuses direct publishes to it. Update its Token and set Enabled=true with setEndpointAttributes.`,
        { field: 'TargetArn' },
      );
    }
    const messageId = newMessageId();
    recordPushNotification(
      this.#ctx,
      endpoint,
      { topicArn: '', subscriptionArn: '' },
      { messageId, textFor, now: this.#ctx.clock.now() },
    );
    return { messageId };
  }

  async #application(arn: string): Promise<PlatformApplicationRecord> {
    this.#ctx.assertOpen();
    parsePlatformApplicationArn(arn);
    const record = await this.#ctx.store.platforms.getApplication(arn);
    return orThrow(record ?? platformApplicationMissing(arn));
  }

  async #endpoint(arn: string, field = 'EndpointArn'): Promise<PlatformEndpointRecord> {
    this.#ctx.assertOpen();
    parsePlatformEndpointArn(arn, field);
    const record = await this.#ctx.store.platforms.getEndpoint(arn);
    return orThrow(record ?? platformEndpointMissing(arn));
  }
}

function sameAttributes(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function toApplication(record: PlatformApplicationRecord): PlatformApplication {
  return {
    arn: record.arn,
    name: record.name,
    platform: record.platform,
    attributes: applicationAttributesView(record.attributes),
  };
}

function toEndpoint(record: PlatformEndpointRecord): PlatformEndpoint {
  return {
    arn: record.arn,
    applicationArn: record.applicationArn,
    attributes: endpointAttributesView(record.token, record.attributes),
  };
}
