import { defineProject } from 'vitest/config';

/** Resolve workspace packages to their TypeScript sources, so tests never need a build. */
export const SOURCE_CONDITIONS = ['@sealbus/source', 'node', 'import', 'default'];

/**
 * Vitest hands the SSR conditions to Node as `--conditions` for the test processes. With `import`
 * among them, a CommonJS package's own `require` of a dual package (pg requiring pg-pool) would
 * load the ESM build and fail; Vite applies import/require/default by itself.
 */
const NODE_CONDITIONS = ['@sealbus/source', 'node'];

export function sealbusProject(
  name: string,
  extra: { testTimeout?: number; globalSetup?: string } = {},
) {
  return defineProject({
    resolve: { conditions: SOURCE_CONDITIONS },
    ssr: { resolve: { conditions: NODE_CONDITIONS, externalConditions: ['@sealbus/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: extra.testTimeout ?? 20_000,
      ...(extra.globalSetup === undefined ? {} : { globalSetup: extra.globalSetup }),
    },
  });
}
