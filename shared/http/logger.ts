/** Structured JSON logs (Powertools) with the request id on every line. */
import { Logger } from '@aws-lambda-powertools/logger';

export const createLogger = (level = process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') =>
  new Logger({ serviceName: 'kaoping', logLevel: level as 'INFO' });
