/**
 * Asynchronous Lambda invokes (InvocationType `Event`: Lambda queues the event, retries a failed run
 * twice, and the caller does not wait). In AWS a job runs in the job function this way; the ranking
 * site is written by the publish function the same way.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';

/** Invokes `functionName` with a JSON payload, without waiting for it to run. */
export const asyncInvoker = (functionName: string) => {
  // The Lambda client is loaded by the first invoke, not at the API's start.
  let lambda: Promise<{
    client: LambdaClient;
    InvokeCommand: typeof import('@aws-sdk/client-lambda').InvokeCommand;
  }>;
  return async (payload: unknown) => {
    lambda ??= import('@aws-sdk/client-lambda').then(({ LambdaClient, InvokeCommand }) => ({
      client: new LambdaClient({}),
      InvokeCommand,
    }));
    const { client, InvokeCommand } = await lambda;
    await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
  };
};

/** Launches a created job in the job function (functions/jobs.ts). */
export const lambdaJobLauncher = (functionName: string) => {
  const invoke = asyncInvoker(functionName);
  return (jobId: string) => invoke({ jobId });
};
