/**
 * The one Lambda function construct of Kaoping: a function with the runtime, architecture, bundle
 * (see ./bundle), logging and tracing fixed, so that every function is built and observed the same way.
 */
import { dirname } from 'node:path';
import { AssetHashType, DockerImage, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLE_ENTRY_FILE, bundleFunction } from './bundle';

export { ESM_REQUIRE_BANNER } from './bundle';

export interface AppFunctionProps
  extends Omit<lambda.FunctionProps, 'runtime' | 'architecture' | 'code' | 'handler' | 'role' | 'logGroup'> {
  /** Absolute path of the TypeScript entry; it exports `handler`. */
  readonly entry: string;
}

/**
 * A Node.js 22 ARM64 function bundled by esbuild into a self-contained minified ESM entry and lazily
 * loaded chunks (the SDK included, so the code runs with the versions it was tested with), JSON logs kept
 * one year, active tracing, 1024 MB and 29 s (the HTTP API's integration limit). Its role is its own
 * and starts empty apart from writing its log group and traces: grant what it needs by intent.
 */
export class AppFunction extends lambda.Function {
  /** The TypeScript entry the bundle is built from (bench/cold-start.ts builds it the same way). */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
    // An own role instead of the AWS managed AWSLambdaBasicExecutionRole, which may write to any log group.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });
    logGroup.grantWrite(role);

    const { entry, ...functionProps } = props;
    super(scope, id, {
      memorySize: 1024,
      timeout: Duration.seconds(29),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      ...functionProps,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
      handler: `${BUNDLE_ENTRY_FILE.replace(/\.mjs$/, '')}.handler`,
      code: lambda.Code.fromAsset(dirname(entry), {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the bundle is always built here, by esbuild (./bundle), as `cdk synth` runs.
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          // Names the entry, so that each function's bundle is its own in CDK's bundling cache.
          command: ['esbuild', entry],
          local: {
            tryBundle: (outputDir) => {
              bundleFunction(entry, outputDir);
              return true;
            },
          },
        },
      }),
    });

    this.entry = entry;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the code is built and tested for (target node22); it is supported by Lambda until 2027. Move to the next LTS deliberately, with the tests.',
    });
  }
}
