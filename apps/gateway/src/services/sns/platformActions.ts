import type { Broker, PushPlatform } from '@sealbus/core';
import type { SnsActions } from '../../protocols/sns-query.js';
import { optionalString, optionalStringMap, requiredString } from '../input.js';
import { pageAfter } from '../pagination.js';
import { PAGE_SIZE } from './topicRefs.js';

/** SNS mobile push: platform applications and their endpoints. */
export function snsPlatformActions(broker: Broker) {
  return {
    async CreatePlatformApplication(input) {
      const application = await broker.createPlatformApplication(
        requiredString(input, 'Name'),
        // The engine checks the platform name and answers SNS's error.
        requiredString(input, 'Platform') as PushPlatform,
        optionalStringMap(input, 'Attributes') ?? {},
      );
      return { PlatformApplicationArn: application.arn };
    },

    async GetPlatformApplicationAttributes(input) {
      return {
        Attributes: await broker.getPlatformApplicationAttributes(
          requiredString(input, 'PlatformApplicationArn'),
        ),
      };
    },

    async SetPlatformApplicationAttributes(input) {
      await broker.setPlatformApplicationAttributes(
        requiredString(input, 'PlatformApplicationArn'),
        optionalStringMap(input, 'Attributes') ?? {},
      );
      return {};
    },

    async ListPlatformApplications(input) {
      const page = pageAfter(await broker.listPlatformApplications(), (a) => a.arn, {
        pageSize: PAGE_SIZE,
        nextToken: optionalString(input, 'NextToken'),
      });
      return {
        PlatformApplications: page.items.map((a) => ({
          PlatformApplicationArn: a.arn,
          Attributes: a.attributes,
        })),
        NextToken: page.nextToken,
      };
    },

    async DeletePlatformApplication(input) {
      await broker.deletePlatformApplication(requiredString(input, 'PlatformApplicationArn'));
      return {};
    },

    async CreatePlatformEndpoint(input) {
      const attributes = { ...optionalStringMap(input, 'Attributes') };
      // The CustomUserData parameter and the attribute of that name are one value.
      const customUserData = optionalString(input, 'CustomUserData');
      if (customUserData !== undefined) attributes.CustomUserData = customUserData;
      const endpoint = await broker.createPlatformEndpoint(
        requiredString(input, 'PlatformApplicationArn'),
        requiredString(input, 'Token'),
        attributes,
      );
      return { EndpointArn: endpoint.arn };
    },

    async GetEndpointAttributes(input) {
      return {
        Attributes: await broker.getEndpointAttributes(requiredString(input, 'EndpointArn')),
      };
    },

    async SetEndpointAttributes(input) {
      await broker.setEndpointAttributes(
        requiredString(input, 'EndpointArn'),
        optionalStringMap(input, 'Attributes') ?? {},
      );
      return {};
    },

    async ListEndpointsByPlatformApplication(input) {
      const endpoints = await broker.listEndpointsByPlatformApplication(
        requiredString(input, 'PlatformApplicationArn'),
      );
      const page = pageAfter(endpoints, (e) => e.arn, {
        pageSize: PAGE_SIZE,
        nextToken: optionalString(input, 'NextToken'),
      });
      return {
        Endpoints: page.items.map((e) => ({ EndpointArn: e.arn, Attributes: e.attributes })),
        NextToken: page.nextToken,
      };
    },

    async DeleteEndpoint(input) {
      await broker.deleteEndpoint(requiredString(input, 'EndpointArn'));
      return {};
    },
  } satisfies Partial<SnsActions>;
}
