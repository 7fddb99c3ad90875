import { defineConfig } from 'vitest/config';

// One run starts one DynamoDB Local (tests/setup/dynamodb-local.ts); every integration test file
// creates its own table in it, so files run in parallel without sharing state.
// The SDK's Node 20 deprecation notice would otherwise print once per test worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Prerequisites first (Node, Java: one clear line each), then the run's DynamoDB Local.
    globalSetup: ['tests/setup/prerequisites.ts', 'tests/setup/dynamodb-local.ts'],
    testTimeout: 30_000,
    // A browser file's beforeAll seeds its own table and starts a stack: 17 s with the machine's load
    // average at 18, and past 60 s in 3 of 20 runs at 29-36 (2 cores, several suites at once).
    hookTimeout: 120_000,
    // expect.poll waits for what a page shows after a request; 1 s (vitest's default) is less than a
    // page's first load takes on two busy cores with browser files in parallel.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Many files share one DynamoDB Local on a busy machine: the store deadline is longer here than in
    // AWS or npm start (4 s); the tests of the deadline itself set theirs (tests/api/store-faults.test.ts).
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DDB_LOCAL_TELEMETRY: '0',
      DDB_DEADLINE_MS: '20000',
    },
  },
});
