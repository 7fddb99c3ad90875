/** In AWS the site is written by the publish Lambda, invoked asynchronously (it may outlast an API request). */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

export const lambdaPublisher = (functionName: string) => {
  const lambda = new LambdaClient({});
  return async (year: number) => {
    await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify({ year })),
      }),
    );
  };
};
