import {
  CreatePlatformApplicationCommand,
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  DeletePlatformApplicationCommand,
  GetEndpointAttributesCommand,
  GetPlatformApplicationAttributesCommand,
  ListEndpointsByPlatformApplicationCommand,
  ListPlatformApplicationsCommand,
  PublishCommand,
  SetEndpointAttributesCommand,
  SetPlatformApplicationAttributesCommand,
} from '@aws-sdk/client-sns';
import {
  checkOptionKeys,
  isPushPlatform,
  type PlatformApplication,
  type PlatformEndpoint,
  PUBLISH_OPTION_KEYS,
  type PublishOptions,
  type PublishResult,
  type PushPlatform,
  parsePlatformApplicationArn,
  parsePlatformEndpointArn,
} from '@sealbus/core';
import { type AwsContext, assertOpen } from '../AwsContext.js';
import { allPages } from '../clients/allPages.js';
import { callAws } from '../errors/mapAwsError.js';
import { toSnsMessageAttributes } from '../wire/messageAttributes.js';

/**
 * SNS mobile push over the SDK: platform applications, endpoints and direct publishes. SNS
 * validates attributes itself; reads take what the server reports (unknown attributes pass).
 */
export class AwsPlatforms {
  readonly #ctx: AwsContext;

  constructor(ctx: AwsContext) {
    this.#ctx = ctx;
  }

  async createApplication(
    name: string,
    platform: PushPlatform,
    attributes: Record<string, string>,
  ): Promise<PlatformApplication> {
    const output = await this.#sns('CreatePlatformApplication', () =>
      this.#ctx.sns.send(
        new CreatePlatformApplicationCommand({
          Name: name,
          Platform: platform,
          Attributes: attributes,
        }),
      ),
    );
    const arn = output.PlatformApplicationArn ?? '';
    return { arn, name, platform, attributes: await this.getApplicationAttributes(arn) };
  }

  async getApplicationAttributes(arn: string): Promise<Record<string, string>> {
    const output = await this.#sns('GetPlatformApplicationAttributes', () =>
      this.#ctx.sns.send(
        new GetPlatformApplicationAttributesCommand({ PlatformApplicationArn: arn }),
      ),
    );
    return output.Attributes ?? {};
  }

  async setApplicationAttributes(arn: string, attributes: Record<string, string>): Promise<void> {
    await this.#sns('SetPlatformApplicationAttributes', () =>
      this.#ctx.sns.send(
        new SetPlatformApplicationAttributesCommand({
          PlatformApplicationArn: arn,
          Attributes: attributes,
        }),
      ),
    );
  }

  async listApplications(): Promise<PlatformApplication[]> {
    const applications = await allPages(async (nextToken) => {
      const output = await this.#sns('ListPlatformApplications', () =>
        this.#ctx.sns.send(new ListPlatformApplicationsCommand({ NextToken: nextToken })),
      );
      return { items: output.PlatformApplications ?? [], nextToken: output.NextToken };
    });
    return applications.flatMap(({ PlatformApplicationArn: arn, Attributes }) => {
      const parsed = arn === undefined ? undefined : parsedApplication(arn);
      return parsed === undefined ? [] : [{ arn: arn!, ...parsed, attributes: Attributes ?? {} }];
    });
  }

  async deleteApplication(arn: string): Promise<void> {
    await this.#sns('DeletePlatformApplication', () =>
      this.#ctx.sns.send(new DeletePlatformApplicationCommand({ PlatformApplicationArn: arn })),
    );
  }

  async createEndpoint(
    applicationArn: string,
    token: string,
    attributes: Record<string, string> = {},
  ): Promise<PlatformEndpoint> {
    const output = await this.#sns('CreatePlatformEndpoint', () =>
      this.#ctx.sns.send(
        new CreatePlatformEndpointCommand({
          PlatformApplicationArn: applicationArn,
          Token: token,
          Attributes: Object.keys(attributes).length === 0 ? undefined : attributes,
        }),
      ),
    );
    const arn = output.EndpointArn ?? '';
    return { arn, applicationArn, attributes: await this.getEndpointAttributes(arn) };
  }

  async getEndpointAttributes(arn: string): Promise<Record<string, string>> {
    const output = await this.#sns('GetEndpointAttributes', () =>
      this.#ctx.sns.send(new GetEndpointAttributesCommand({ EndpointArn: arn })),
    );
    return output.Attributes ?? {};
  }

  async setEndpointAttributes(arn: string, attributes: Record<string, string>): Promise<void> {
    await this.#sns('SetEndpointAttributes', () =>
      this.#ctx.sns.send(
        new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: attributes }),
      ),
    );
  }

  async listEndpoints(applicationArn: string): Promise<PlatformEndpoint[]> {
    const endpoints = await allPages(async (nextToken) => {
      const output = await this.#sns('ListEndpointsByPlatformApplication', () =>
        this.#ctx.sns.send(
          new ListEndpointsByPlatformApplicationCommand({
            PlatformApplicationArn: applicationArn,
            NextToken: nextToken,
          }),
        ),
      );
      return { items: output.Endpoints ?? [], nextToken: output.NextToken };
    });
    return endpoints.flatMap(({ EndpointArn, Attributes }) =>
      EndpointArn === undefined
        ? []
        : [{ arn: EndpointArn, applicationArn, attributes: Attributes ?? {} }],
    );
  }

  async deleteEndpoint(arn: string): Promise<void> {
    await this.#sns('DeleteEndpoint', () =>
      this.#ctx.sns.send(new DeleteEndpointCommand({ EndpointArn: arn })),
    );
  }

  /** A direct publish is not sealed client-side: the push service reads the text itself. */
  async publish(
    endpointArn: string,
    body: string,
    options: PublishOptions = {},
  ): Promise<PublishResult> {
    assertOpen(this.#ctx);
    checkOptionKeys(options, PUBLISH_OPTION_KEYS);
    parsePlatformEndpointArn(endpointArn, 'TargetArn');
    const output = await this.#sns('Publish', () =>
      this.#ctx.clients.sns(options.principal).send(
        new PublishCommand({
          TargetArn: endpointArn,
          Message: body,
          Subject: options.subject,
          MessageStructure: options.messageStructure,
          MessageAttributes: toSnsMessageAttributes(options.messageAttributes),
          // SNS refuses these for an endpoint; passed on so the caller sees its answer.
          MessageGroupId: options.messageGroupId,
          MessageDeduplicationId: options.messageDeduplicationId,
        }),
      ),
    );
    return { messageId: output.MessageId ?? '' };
  }

  #sns<T>(operation: string, call: () => Promise<T>): Promise<T> {
    assertOpen(this.#ctx);
    return callAws('sns', operation, call);
  }
}

/** Name and platform from an ARN SNS listed; an ARN of a platform this code does not know is left out. */
function parsedApplication(arn: string): { name: string; platform: PushPlatform } | undefined {
  try {
    const { name, platform } = parsePlatformApplicationArn(arn);
    return isPushPlatform(platform) ? { name, platform } : undefined;
  } catch {
    return undefined;
  }
}
