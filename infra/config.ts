/** Deployment settings read from the CDK context (`-c key=value` or cdk.json), checked once. */
import type { App } from 'aws-cdk-lib';

export interface DeployConfig {
  /** `dev` unless `-c stage=…`; part of every stack name, so stages can share an account. */
  readonly stage: string;
  /** Where alarms are e-mailed (`-c alarmEmail=ops@example.org`); no subscription when absent. */
  readonly alarmEmail: string | undefined;
  /** Extra browser origins (comma-separated `-c localOrigins=…`) allowed to sign in and upload. */
  readonly localOrigins: readonly string[];
}

/** Stage names end up in stack names and Cognito domain prefixes: lower-case letters and digits. */
const STAGE_PATTERN = /^[a-z][a-z0-9]{1,11}$/;

/** Vite's dev server: where the web app runs during development. */
const DEFAULT_LOCAL_ORIGIN = 'http://localhost:5173';

const contextString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context ${key} must be a string`);
  return value;
};

/** Reads and validates the deployment settings of `app`. */
export const readConfig = (app: App): DeployConfig => {
  const stage = contextString(app, 'stage') ?? 'dev';
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`Stage "${stage}" must be 2-12 lower-case letters or digits, starting with a letter`);
  }
  const origins = contextString(app, 'localOrigins');
  return {
    stage,
    alarmEmail: contextString(app, 'alarmEmail'),
    // The development origin is trusted outside production only.
    localOrigins: origins
      ? origins.split(',').map((o) => o.trim())
      : stage === 'prod'
        ? []
        : [DEFAULT_LOCAL_ORIGIN],
  };
};

/** `Kaoping-dev-Data`: the CloudFormation stack name of one part in one stage. */
export const stackName = (stage: string, part: string): string => `Kaoping-${stage}-${part}`;
