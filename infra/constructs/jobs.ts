/**
 * The background functions: the daily reminders, the publication of the ranking site, and the job
 * function that runs the jobs the API starts (docs/jobs.md). None answers a browser, so each may run
 * longer than the API's 29 seconds.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag';
import type { Alarms } from './alarms';
import { AppFunction } from './app-function';
import { bindTable } from './table-access';
import { RANKINGS_PREFIX } from './web';

export interface JobsProps {
  readonly functionsDir: string;
  readonly table: dynamodb.ITable;
  readonly webBucket: s3.IBucket;
  readonly distribution: cloudfront.IDistribution;
  readonly alarms: Alarms;
  /** The evidence bucket and its key: exports are written under exports/, uploaded workbooks read from imports/. */
  readonly evidenceBucket: s3.IBucket;
  readonly evidenceKey: kms.IKey;
  /** Variables every function gets (service name, stage). */
  readonly commonEnvironment: Record<string, string>;
}

export class Jobs extends Construct {
  readonly reminders: AppFunction;
  readonly publish: AppFunction;
  readonly schedule: events.Rule;
  /** Runs one job (`{ jobId }`), invoked asynchronously by the API, and a results job's parts (`{ jobId, part }`). */
  readonly runner: AppFunction;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);

    this.reminders = new AppFunction(this, 'Reminders', {
      entry: `${props.functionsDir}/reminders.ts`,
      description: 'Daily reminders of open submission windows and deadlines',
      timeout: Duration.minutes(5),
      environment: { ...props.commonEnvironment, TABLE_NAME: props.table.tableName },
    });
    bindTable(this.reminders, props.table, 'readWrite');

    // An EventBridge rule rather than a Scheduler schedule: it invokes through the function's resource
    // policy, so no role with a `function:*` grant is needed. China has no daylight saving time.
    this.schedule = new events.Rule(this, 'DailyReminders', {
      description: 'Runs the reminders every day at 09:00 China Standard Time (01:00 UTC)',
      schedule: events.Schedule.cron({ minute: '0', hour: '1' }),
      targets: [
        new targets.LambdaFunction(this.reminders, { retryAttempts: 2, maxEventAge: Duration.hours(2) }),
      ],
    });

    this.publish = new AppFunction(this, 'Publish', {
      entry: `${props.functionsDir}/publish.ts`,
      description: 'Writes the static ranking site and invalidates it in CloudFront',
      timeout: Duration.minutes(2),
      environment: {
        ...props.commonEnvironment,
        TABLE_NAME: props.table.tableName,
        WEB_BUCKET: props.webBucket.bucketName,
        RANKINGS_PREFIX,
        DISTRIBUTION_ID: props.distribution.distributionId,
      },
    });
    bindTable(this.publish, props.table, 'read');
    // Writes and removes pages under rankings/ only; lists that prefix to find stale pages.
    const rankings = props.webBucket.arnForObjects(`${RANKINGS_PREFIX}*`);
    this.publish.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [rankings] }),
    );
    acknowledgeWildcardResource(
      this.publish.role!,
      rankings,
      'The ranking site is many pages under rankings/ whose names depend on the published data.',
    );
    this.publish.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.webBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${RANKINGS_PREFIX}*`] } },
      }),
    );
    props.distribution.grantCreateInvalidation(this.publish);

    this.runner = this.jobRunner(props);

    for (const [name, fn] of [
      ['Reminders', this.reminders],
      ['Publish', this.publish],
      ['Jobs', this.runner],
    ] as const) {
      props.alarms.whenSumReaches(`${name}Errors`, fn.metricErrors(), 1, `The ${name} function failed.`);
    }
  }

  /**
   * The job function: the table's items, its own prefixes of the evidence bucket (writes exports,
   * reads uploaded workbooks), the evidence key for both, the publish function (publication jobs) and
   * itself (a results job's categories).
   */
  private jobRunner(props: JobsProps): AppFunction {
    const fn = new AppFunction(this, 'Runner', {
      entry: `${props.functionsDir}/jobs.ts`,
      description:
        'Runs the jobs the API starts: results, publication, workbook exports and imports, reminders',
      // Lambda's longest run: a lost job is shown failed after it (shared/domain/jobs/job.ts).
      timeout: Duration.minutes(15),
      environment: {
        ...props.commonEnvironment,
        TABLE_NAME: props.table.tableName,
        EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
        PUBLISH_FUNCTION_NAME: this.publish.functionName,
      },
    });
    bindTable(fn, props.table, 'readWrite');
    const exportsArn = props.evidenceBucket.arnForObjects('exports/*');
    const importsArn = props.evidenceBucket.arnForObjects('imports/*');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [exportsArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [importsArn] }));
    // A missing upload answers 404 (NoSuchKey) rather than 403.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.evidenceBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['imports/*'] } },
      }),
    );
    acknowledgeWildcardResource(
      fn.role!,
      exportsArn,
      'Each export is written under exports/<jobId>/, a key made per job.',
    );
    acknowledgeWildcardResource(
      fn.role!,
      importsArn,
      'Uploaded workbooks wait under imports/<sha256>.xlsx, a key made per upload; read-only.',
    );
    props.evidenceKey.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey');
    // The function itself, not `grantInvoke`'s extra `:*` (versions and aliases are not used).
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.publish.functionArn] }),
    );
    // A results job invokes this function once per category (docs/results.md). A policy of its own:
    // in the role's default policy the function's ARN would make the function depend on itself.
    new iam.Policy(this, 'RunnerInvokesItself', {
      roles: [fn.role!],
      statements: [
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
      ],
    });
    return fn;
  }
}
