/**
 * The one DynamoDB table of Kaoping, described once so that the CDK stack and the local
 * start script create exactly the same table. Keys are generic (`pk`/`sk`, `gsi1pk`/`gsi1sk`, …);
 * what each access pattern uses is documented in docs/data-model.md and built in shared/db/keys.ts.
 */
export const TABLE_KEYS = { partition: 'pk', sort: 'sk' } as const;

export interface IndexDefinition {
  readonly name: string;
  readonly partition: string;
  readonly sort: string;
}

/** Global secondary indexes, named for the access patterns they serve (all project ALL attributes). */
export const TABLE_INDEXES: readonly IndexDefinition[] = [
  { name: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' },
  { name: 'gsi2', partition: 'gsi2pk', sort: 'gsi2sk' },
] as const;

/** The attribute that carries the optimistic-locking version of an item. */
export const VERSION_ATTRIBUTE = 'version';

/** Default table name when TABLE_NAME is not set (local runs only). */
export const DEFAULT_LOCAL_TABLE_NAME = 'kaoping';

/** Items with this epoch-seconds attribute expire (idempotency records, short-lived notifications). */
export const TTL_ATTRIBUTE = 'expiresAt';
