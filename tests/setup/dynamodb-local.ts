/** Vitest global setup: one in-memory DynamoDB Local for the whole run. */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../scripts/lib/dynamodb-local';

export default async function setup(project: TestProject) {
  const local = await startDynamoDbLocal();
  project.provide('ddbEndpoint', local.endpoint);
  return async () => {
    await local.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}
