/**
 * Lambda invokes. Asynchronous (InvocationType `Event`: Lambda queues the event, retries a failed run
 * twice, and the caller does not wait): in AWS a job runs in the job function this way. Synchronous
 * (`RequestResponse`): the job function has the publish function write the ranking site and waits,
 * so a publication job knows whether its site was written.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';

type Lambda = Promise<{
  client: LambdaClient;
  InvokeCommand: typeof import('@aws-sdk/client-lambda').InvokeCommand;
}>;

const invoker = (functionName: string, wait: boolean) => {
  // The Lambda client is loaded by the first invoke, not at the API's start.
  let lambda: Lambda;
  return async (payload: unknown) => {
    lambda ??= import('@aws-sdk/client-lambda').then(({ LambdaClient, InvokeCommand }) => ({
      client: new LambdaClient({}),
      InvokeCommand,
    }));
    const { client, InvokeCommand } = await lambda;
    const answer = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: wait ? 'RequestResponse' : 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
    // A synchronous invoke answers the function's own failure in the response, not as an exception.
    if (answer.FunctionError) throw new Error(`${functionName} failed: ${answer.FunctionError}`);
  };
};

/** Invokes `functionName` with a JSON payload, without waiting for it to run. */
export const asyncInvoker = (functionName: string) => invoker(functionName, false);

/**
 * Invokes `functionName` and waits for it to finish; its failure is thrown. A job uses it for work
 * whose end it must know (the publication job's site: docs/results.md).
 */
export const syncInvoker = (functionName: string) => invoker(functionName, true);

/** Launches a created job in the job function (functions/jobs.ts). */
export const lambdaJobLauncher = (functionName: string) => {
  const invoke = asyncInvoker(functionName);
  return (jobId: string) => invoke({ jobId });
};
