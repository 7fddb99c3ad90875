/** Grants to the one table by intent, on the table and its named indexes: no `*` action, no `index/*`. */

import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TABLE_INDEXES } from '../../shared/db/table-def';

export type TableAccess = 'read' | 'readWrite';

/**
 * Item reads; transactions need no actions of their own (TransactGetItems is checked as GetItem).
 * No Scan: every access pattern reads by key or index (docs/data-model.md), so a scan in a request
 * path fails with AccessDenied instead of reading the whole table.
 */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** Item writes; TransactWriteItems is checked per item as these plus ConditionCheckItem. */
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** What DynamoDB needs of the caller to use the table's customer-managed key on its behalf. */
const KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/** Lets `grantee` read (or read and write) the items of `table` and query its indexes. */
export const bindTable = (
  grantee: iam.IGrantable,
  table: dynamodb.ITable,
  access: TableAccess,
): iam.Grant => {
  // The table's customer-managed key, by action name (no `GenerateDataKey*` wildcard).
  table.encryptionKey?.grant(grantee, ...KEY_ACTIONS);
  return iam.Grant.addToPrincipal({
    grantee,
    actions: access === 'read' ? READ_ACTIONS : [...READ_ACTIONS, ...WRITE_ACTIONS],
    resourceArns: [table.tableArn, ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.name}`)],
  });
};
