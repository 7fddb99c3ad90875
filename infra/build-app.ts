/**
 * Builds the CDK app of Kaoping, used by `infra/app.ts` (the `cdk` entry) and by the infra tests, so
 * that both check and synthesize the very same thing, cdk-nag's AwsSolutions pack included.
 */
import { fileURLToPath } from 'node:url';
import { App, type AppProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig, stackName } from './config';
import { AppStack } from './stacks/app-stack';
import { DataStack } from './stacks/data-stack';

/** The repository root, found from this file so that neither the CLI's nor vitest's cwd matters. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildAppOptions extends AppProps {
  /** The web build to deploy; defaults to `web/dist`. */
  readonly webDistDir?: string;
}

export interface KaopingApp {
  readonly app: App;
  readonly data: DataStack;
  readonly main: AppStack;
}

/** Creates the app with its two stacks and registers the AwsSolutions checks. */
export const buildApp = (options: BuildAppOptions = {}): KaopingApp => {
  const { webDistDir = `${ROOT}web/dist`, ...appProps } = options;
  const app = new App(appProps);
  const config = readConfig(app);
  // Env-agnostic unless the CLI knows the target: synth works offline without credentials.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

  const data = new DataStack(app, stackName(config.stage, 'Data'), {
    env,
    description: `Kaoping (${config.stage}): appraisal records`,
  });
  const main = new AppStack(app, stackName(config.stage, 'App'), {
    env,
    description: `Kaoping (${config.stage}): API, sign-in, evidence storage, jobs and web`,
    config,
    table: data.table,
    functionsDir: `${ROOT}functions`,
    webDistDir,
  });
  for (const stack of [data, main]) {
    Tags.of(stack).add('project', 'kaoping');
    Tags.of(stack).add('stage', config.stage);
  }

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, main };
};
