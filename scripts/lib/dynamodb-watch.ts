/**
 * Keeps `npm start`'s DynamoDB Local alive: when the child dies by itself (a crash, kill -9, out of
 * memory), one clear line is logged and it is started again on the same data folder and, if it is
 * still free, the same port. After `maxAttempts` failed starts in a row, or that many deaths within
 * a minute, it gives up and says so, and the caller exits non-zero.
 */
import { type LocalDynamoDb, startDynamoDbLocal } from './dynamodb-local';

export interface DynamoDbWatchOptions {
  /** The folder the first instance persists to (restarting an in-memory store would lose everything). */
  dataDir: string;
  /** Failed starts in a row, or deaths within a minute, before giving up (default 3). */
  maxAttempts?: number;
  log: (line: string) => void;
  /** Called after each restart (the endpoint changes if the old port was taken meanwhile). */
  onRestart?: (next: LocalDynamoDb) => void | Promise<void>;
  /** Called once when it gives up; `npm start` exits non-zero there. */
  onGiveUp: (error: Error) => void;
}

export interface DynamoDbWatch {
  current: () => LocalDynamoDb;
  /** Stops watching and stops the current instance. */
  stop: () => Promise<void>;
}

const STABLE_MS = 60_000;

const describeDeath = ({ code, signal }: { code: number | null; signal: NodeJS.Signals | null }) =>
  signal ? `信号 ${signal}` : `退出码 ${code}`;

export const watchDynamoDbLocal = (first: LocalDynamoDb, options: DynamoDbWatchOptions): DynamoDbWatch => {
  const maxAttempts = options.maxAttempts ?? 3;
  let current = first;
  let stopped = false;
  let deaths: number[] = [];

  const restart = async (): Promise<void> => {
    let lastError: Error = new Error('DynamoDB Local 无法启动');
    for (let attempt = 1; attempt <= maxAttempts && !stopped; attempt++) {
      try {
        // The same port when it is free again (it is, after a kill); else any free one.
        const next = await startDynamoDbLocal({ port: current.port, dataDir: options.dataDir }).catch(() =>
          startDynamoDbLocal({ dataDir: options.dataDir }),
        );
        if (stopped) {
          await next.stop();
          return;
        }
        current = next;
        options.log(`✓ DynamoDB Local 已在原数据目录上重启（${next.endpoint}）`);
        await options.onRestart?.(next);
        watch(next);
        return;
      } catch (error) {
        lastError = error as Error;
        options.log(`✗ DynamoDB Local 第 ${attempt}/${maxAttempts} 次重启失败：${lastError.message}`);
      }
    }
    if (!stopped) options.onGiveUp(lastError);
  };

  const watch = (instance: LocalDynamoDb) => {
    void instance.died.then(async (how) => {
      if (stopped || instance !== current) return;
      const now = Date.now();
      deaths = [...deaths.filter((t) => now - t < STABLE_MS), now];
      if (deaths.length > maxAttempts) {
        options.log(`✗ DynamoDB Local 一分钟内退出了 ${deaths.length} 次（${describeDeath(how)}），不再重启`);
        options.onGiveUp(new Error('DynamoDB Local 反复退出'));
        return;
      }
      options.log(
        `✗ DynamoDB Local 意外退出（${describeDeath(how)}），正在用同一数据目录重启（端口 ${instance.port}）…`,
      );
      await restart();
    });
  };
  watch(first);

  return {
    current: () => current,
    stop: async () => {
      stopped = true;
      await current.stop();
    },
  };
};
