import { describe, expect, it } from 'vitest';
import { javaMajor, javaProblem, nodeProblem } from '../../../scripts/lib/prerequisites';

describe('the machine prerequisites', () => {
  it('accepts Node 20.19 and later, and names the version needed otherwise', () => {
    expect(nodeProblem('20.19.0')).toBeNull();
    expect(nodeProblem('22.1.0')).toBeNull();
    expect(nodeProblem('20.18.3')).toContain('Node.js 20.19');
    expect(nodeProblem('18.20.4')).toContain('当前为 18.20.4');
  });

  it('reads the Java major version from both version styles', () => {
    expect(javaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(javaMajor('java version "1.8.0_392"')).toBe(8);
    expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
  });

  it('says in one line that Java is missing, or too old, and how to install it', () => {
    const missing = javaProblem(() => ({ error: new Error('spawn java ENOENT'), output: '' }));
    const old = javaProblem(() => ({ output: 'openjdk version "11.0.2" 2019-01-15' }));
    const ok = javaProblem(() => ({ output: 'openjdk version "17.0.15" 2025-04-15' }));
    expect(missing).toContain('未找到 Java');
    expect(old).toContain('当前为 11');
    for (const line of [missing, old]) {
      expect(line).toContain('openjdk-17-jre-headless');
      expect(line).not.toContain('\n');
    }
    expect(ok).toBeNull();
  });
});
