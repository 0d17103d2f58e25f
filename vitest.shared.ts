import { defineProject } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources, so tests never need a build. */
export const SOURCE_CONDITIONS = ['@sealbus/source', 'node', 'import', 'default'];

export function sealbusProject(
  name: string,
  extra: { testTimeout?: number; globalSetup?: string } = {},
) {
  return defineProject({
    resolve: { conditions: SOURCE_CONDITIONS },
    ssr: { resolve: { conditions: SOURCE_CONDITIONS, externalConditions: ['@sealbus/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 20_000,
      ...(extra.globalSetup === undefined ? {} : { globalSetup: extra.globalSetup }),
    },
  });
}
