/** One SNS topic for every alarm of a stage, and a helper that creates alarms wired to it. */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Subscribed to the topic when given (the recipient confirms by e-mail). */
  readonly email?: string | undefined;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps = {}) {
    super(scope, id);
    // Not encrypted with the AWS managed key: CloudWatch may not use alias/aws/sns, and the messages
    // carry alarm names and metrics only.
    this.topic = new sns.Topic(this, 'Topic', { enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }

  /** Alarms when the sum of `metric` over five minutes reaches `threshold`; no data is no alarm. */
  whenSumReaches(id: string, metric: cloudwatch.Metric, threshold: number, description: string) {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric: metric.with({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    return alarm;
  }
}
