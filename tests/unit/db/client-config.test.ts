/** The table name comes from the environment; in Lambda a missing one fails the cold start by name. */
import { describe, expect, it } from 'vitest';
import { dbConfigFromEnv } from '../../../shared/db/client';
import { DEFAULT_LOCAL_TABLE_NAME } from '../../../shared/db/table-def';

describe('dbConfigFromEnv', () => {
  it('fails in Lambda when TABLE_NAME is missing, naming the variable', () => {
    expect(() => dbConfigFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'kaoping-api' })).toThrow(/TABLE_NAME/);
  });

  it('uses TABLE_NAME in Lambda', () => {
    expect(dbConfigFromEnv({ AWS_LAMBDA_FUNCTION_NAME: 'kaoping-api', TABLE_NAME: 'Kaoping-Table' })).toEqual(
      {
        tableName: 'Kaoping-Table',
      },
    );
  });

  it('falls back to the local table outside Lambda, with the local endpoint', () => {
    expect(dbConfigFromEnv({ DDB_ENDPOINT: 'http://127.0.0.1:8000' })).toEqual({
      tableName: DEFAULT_LOCAL_TABLE_NAME,
      endpoint: 'http://127.0.0.1:8000',
    });
  });
});
