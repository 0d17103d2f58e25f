import type { QueryOperation } from './query.js';
import { entryMap, memberList, str, struct } from './query-codec.js';

const attributes = entryMap('key', 'value');
const applicationArn = struct({ PlatformApplicationArn: str });
const endpointArn = struct({ EndpointArn: str });

/** SNS mobile-push operations (platform applications and endpoints), Query shapes. */
export const SNS_PLATFORM_SHAPES = {
  CreatePlatformApplication: {
    input: struct({ Name: str, Platform: str, Attributes: attributes }),
    output: applicationArn,
  },
  GetPlatformApplicationAttributes: {
    input: applicationArn,
    output: struct({ Attributes: attributes }),
  },
  SetPlatformApplicationAttributes: {
    input: struct({ PlatformApplicationArn: str, Attributes: attributes }),
  },
  ListPlatformApplications: {
    input: struct({ NextToken: str }),
    output: struct({
      PlatformApplications: memberList(
        struct({ PlatformApplicationArn: str, Attributes: attributes }),
      ),
      NextToken: str,
    }),
  },
  DeletePlatformApplication: { input: applicationArn },
  CreatePlatformEndpoint: {
    input: struct({
      PlatformApplicationArn: str,
      Token: str,
      CustomUserData: str,
      Attributes: attributes,
    }),
    output: endpointArn,
  },
  GetEndpointAttributes: { input: endpointArn, output: struct({ Attributes: attributes }) },
  SetEndpointAttributes: { input: struct({ EndpointArn: str, Attributes: attributes }) },
  ListEndpointsByPlatformApplication: {
    input: struct({ PlatformApplicationArn: str, NextToken: str }),
    output: struct({
      Endpoints: memberList(struct({ EndpointArn: str, Attributes: attributes })),
      NextToken: str,
    }),
  },
  DeleteEndpoint: { input: endpointArn },
} satisfies Record<string, QueryOperation>;
