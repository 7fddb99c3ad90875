/** In AWS the site is written by the publish Lambda, invoked asynchronously (it may outlast an API request). */
import { asyncInvoker } from '../jobs/lambda-launcher';

export const lambdaPublisher = (functionName: string) => {
  const invoke = asyncInvoker(functionName);
  return (year: number) => invoke({ year });
};
