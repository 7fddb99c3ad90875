/** In AWS the site is written by the publish Lambda, invoked asynchronously (it may outlast an API request). */
import type { LambdaClient } from '@aws-sdk/client-lambda';

export const lambdaPublisher = (functionName: string) => {
  // The Lambda client is loaded on the first publication, not at the API's start (publishing is rare).
  let lambda: Promise<{
    client: LambdaClient;
    InvokeCommand: typeof import('@aws-sdk/client-lambda').InvokeCommand;
  }>;
  return async (year: number) => {
    lambda ??= import('@aws-sdk/client-lambda').then(({ LambdaClient, InvokeCommand }) => ({
      client: new LambdaClient({}),
      InvokeCommand,
    }));
    const { client, InvokeCommand } = await lambda;
    await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify({ year })),
      }),
    );
  };
};
