/**
 * What this machine needs besides `npm install`: Node ≥ 20.19 and Java ≥ 17 (DynamoDB Local runs
 * on it). `npm start` and the test run check both first and say, in one line each, what is missing.
 */
import { spawnSync } from 'node:child_process';

export const MIN_NODE = [20, 19] as const;
export const MIN_JAVA = 17;

/** A problem with the Node version, or null. */
export const nodeProblem = (version: string = process.versions.node): string | null => {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = MIN_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `需要 Node.js ${needMajor}.${needMinor} 或更高版本（当前为 ${version}）：请升级 Node.js 后重试`;
};

/** The major version `java -version` reports (`"17.0.15"` → 17, `"1.8.0_392"` → 8), or null. */
export const javaMajor = (versionOutput: string): number | null => {
  const match = versionOutput.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return null;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2] ?? 0) : first;
};

/** A problem with Java, or null; `run` is `java -version` (injected by the tests). */
export const javaProblem = (
  run: () => { error?: Error; output: string } = () => {
    const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
    return { ...(result.error ? { error: result.error } : {}), output: `${result.stderr}${result.stdout}` };
  },
): string | null => {
  const install = '例如 apt-get install -y openjdk-17-jre-headless';
  const { error, output } = run();
  if (error) return `未找到 Java：DynamoDB Local 需要 Java ${MIN_JAVA} 或更高版本（${install}），安装后重试`;
  const major = javaMajor(output);
  if (major !== null && major < MIN_JAVA) {
    return `Java 版本过低（当前为 ${major}）：DynamoDB Local 需要 Java ${MIN_JAVA} 或更高版本（${install}）`;
  }
  return null;
};

/** Every unmet prerequisite, one line each (empty when the machine is ready). */
export const prerequisiteProblems = (): string[] =>
  [nodeProblem(), javaProblem()].filter((p): p is string => p !== null);
