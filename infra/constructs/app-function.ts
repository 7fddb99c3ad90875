/**
 * The one Lambda function construct of Kaoping: a `NodejsFunction` with the runtime, architecture,
 * bundle format, logging and tracing fixed, so that every function is built and observed the same way.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  Charset,
  LogLevel,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * An ESM bundle that contains the AWS SDK fails at start with `Dynamic require of "node:https"`:
 * some of its CommonJS dependencies call `require`, which ESM does not define. This banner defines it.
 */
export const ESM_REQUIRE_BANNER =
  "import{createRequire}from'module';const require=createRequire(import.meta.url);";

export interface AppFunctionProps
  extends Omit<NodejsFunctionProps, 'runtime' | 'architecture' | 'bundling' | 'role' | 'logGroup'> {
  /** Absolute path of the TypeScript entry; it exports `handler`. */
  readonly entry: string;
}

/**
 * A Node.js 22 ARM64 function bundled by esbuild into one self-contained minified ESM file (the SDK
 * included, so the code runs with the versions it was tested with), with source maps, JSON logs kept
 * one year, active tracing, 1024 MB and 29 s (the HTTP API's integration limit). Its role is its own
 * and starts empty apart from writing its log group and traces: grant what it needs by intent.
 */
export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR });
    // An own role instead of the AWS managed AWSLambdaBasicExecutionRole, which may write to any log group.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${id} function`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      memorySize: 1024,
      timeout: Duration.seconds(29),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      ...props,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        charset: Charset.UTF8,
        // Warnings and errors only: the size table of every bundle drowns the synth output.
        logLevel: LogLevel.WARNING,
        // Bundle everything, the AWS SDK included: the bundle is self-contained and reproducible.
        externalModules: [],
        bundleAwsSDK: true,
      },
    });

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
