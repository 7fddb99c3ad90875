/**
 * Outside delivery (企业微信 / 钉钉 robots, e-mail): the delivery function every 5 minutes, the SSM
 * path that holds the robots' webhooks and the SMTP password (SecureString, the account's aws/ssm
 * key), and least-privilege grants: the API writes and reads parameters under that path only, the
 * delivery reads them and sends e-mail through SES (global) — in China, SMTP.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag';
import type { Alarms } from './alarms';
import { AppFunction } from './app-function';
import { bindTable } from './table-access';

export interface NotifyDeliveryProps {
  readonly functionsDir: string;
  readonly table: dynamodb.ITable;
  readonly alarms: Alarms;
  readonly commonEnvironment: Record<string, string>;
  readonly stage: string;
  /** SES where the region has it; SMTP in the China regions. */
  readonly email: 'ses' | 'smtp';
}

export class NotifyDelivery extends Construct {
  readonly deliver: AppFunction;
  /** Environment the API needs to store robots' secrets. */
  readonly apiEnvironment: Record<string, string>;
  private readonly parameters: string;

  constructor(scope: Construct, id: string, props: NotifyDeliveryProps) {
    super(scope, id);
    const path = `/kaoping/${props.stage}/notify`;
    this.parameters = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: `kaoping/${props.stage}/notify/*`,
    });
    this.apiEnvironment = { NOTIFY_SECRETS_PATH: path };
    this.deliver = new AppFunction(this, 'Deliver', {
      entry: `${props.functionsDir}/deliver.ts`,
      description: 'Sends due 企业微信 / 钉钉 / e-mail messages from the outbox',
      timeout: Duration.minutes(2),
      environment: {
        ...props.commonEnvironment,
        TABLE_NAME: props.table.tableName,
        NOTIFY_SECRETS_PATH: path,
        NOTIFY_EMAIL: props.email,
      },
    });
    bindTable(this.deliver, props.table, 'readWrite');
    this.grantParameters(this.deliver, ['ssm:GetParameter']);
    if (props.email === 'ses') {
      const identities = Stack.of(this).formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: '*',
      });
      this.deliver.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [identities] }),
      );
      acknowledgeWildcardResource(
        this.deliver.role!,
        identities,
        'The sender identity is verified in SES by the bureau after deployment.',
      );
    }
    new events.Rule(this, 'Every5Minutes', {
      description: 'Delivers the outbox every 5 minutes',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.deliver, { retryAttempts: 0 })],
    });
    props.alarms.whenSumReaches(
      'DeliverErrors',
      this.deliver.metricErrors(),
      1,
      'The outbox delivery failed.',
    );
  }

  /** Grants actions on the notify parameters only. */
  grantParameters(fn: AppFunction, actions: string[]) {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [this.parameters] }));
    acknowledgeWildcardResource(
      fn.role!,
      this.parameters,
      'One parameter per configured robot, under the notify path only.',
    );
  }
}
