/**
 * Helpers to acknowledge cdk-nag findings precisely. cdk-nag 3 names each wildcard finding after the
 * resolved resource (`AwsSolutions-IAM5[Resource::<WebBucketE51352C0.Arn>/rankings/*]`) and matches
 * acknowledgements exactly, so the names are computed here the way cdk-nag computes them rather than
 * copied from its output (they contain logical ids, the account and the region).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

/** The IAM5 finding id of a wildcard resource (an ARN expression, tokens allowed). */
export const wildcardResourceFinding = (scope: IConstruct, resource: string): string =>
  `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;

/** Acknowledges one wildcard resource of the policies under `scope` (a role). */
export const acknowledgeWildcardResource = (scope: IConstruct, resource: string, reason: string): void => {
  Validations.of(scope).acknowledge({ id: wildcardResourceFinding(scope, resource), reason });
};

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Every IAM5 finding of the inline policies under `scope`, as cdk-nag reports them. */
export const wildcardFindings = (scope: IConstruct): string[] => {
  const findings = new Set<string>();
  for (const policy of scope.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
    const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: unknown[] };
    for (const statement of (document.Statement ?? []) as Array<Record<string, unknown>>) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of asArray(statement.Action)) {
        if (typeof action === 'string' && action.includes('*'))
          findings.add(`AwsSolutions-IAM5[Action::${action}]`);
      }
      for (const resource of asArray(statement.Resource)) {
        const flat = flattenCfnReference(resource);
        if (flat.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${flat}]`);
      }
    }
  }
  return [...findings];
};
