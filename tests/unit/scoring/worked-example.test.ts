import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { score } from '../../../scripts/score';
import { canonicalJson } from '../../../shared/domain/canonical-json';
import { computeResults, parseScenario } from '../../../shared/domain/scoring';
import { ResultsSchema } from '../../../shared/schemas/results';
import { sha256Hex } from '../../../shared/sha256';

const root = resolve(import.meta.dirname, '../../..');
const examplePath = resolve(root, 'docs/examples/worked-example.scenario.json');
const example = () => parseScenario(JSON.parse(readFileSync(examplePath, 'utf8')));
const run = promisify(execFile);

describe('the worked example of DOMAIN.md', () => {
  it('gives base 81.89, final 82.89 and 良好', () => {
    // Act
    const results = computeResults(example());

    // Assess
    const unit = results.categories[0]?.units[0];
    expect(unit).toMatchObject({
      rank: 1,
      baseCents: 8189,
      bonusAppliedCents: 100,
      finalCents: 8289,
      grade: '良好',
    });
    expect(unit?.leaves.map((leaf) => leaf.annualCents)).toEqual([2000, 1389, 0, 1000, 1800, 2000]);
  });

  it('explains each leaf score with the numbers put in, next to the rule text of the agreement', () => {
    // Act
    const leaves = computeResults(example()).categories[0]?.units[0]?.leaves ?? [];

    // Assess
    const byCode = Object.fromEntries(leaves.map((leaf) => [leaf.code, leaf]));
    expect(byCode.A02?.explanation).toBe('15 × (88.52 − 70) / (90 − 70) = 13.89');
    expect(byCode.A02?.ruleText).toBe('按完成比例计分：达到 90% 得满分，70% 及以下不得分');
    expect(byCode.A03?.explanation).toBe('核定值 33.3 < 目标值 80，未达标，得 0.00');
    expect(byCode.B01?.explanation).toBe('20 − 2（明查暗访 2024-05：工作时间脱岗） = 18.00');
  });

  it('produces results that satisfy the published results schema', () => {
    // Act
    const results = computeResults(example());

    // Assess
    expect(ResultsSchema.parse(results)).toEqual(results);
  });
});

describe('npm run score', () => {
  it('prints the results as canonical JSON, byte-identical on every run', async () => {
    // Act
    const spawned = await run(process.execPath, ['--import', 'tsx', 'scripts/score.ts', examplePath], {
      cwd: root,
    });
    const inProcess = score([examplePath]);

    // Assess
    expect(spawned.stdout).toBe(inProcess.stdout);
    expect(score([examplePath]).stdout).toBe(inProcess.stdout);
    expect(inProcess.stdout).toBe(`${canonicalJson(computeResults(example()))}\n`);
    expect(JSON.parse(inProcess.stdout).categories[0].units[0]).toMatchObject({
      finalCents: 8289,
      grade: '良好',
    });
  });

  it('prints a readable table with --table', () => {
    // Act
    const { code, stdout } = score([examplePath, '--table']);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('基层医疗卫生机构（1 个单位，优秀名额 1）');
    expect(stdout).toMatch(/1 {2}洛阳镇卫生院 +81\.89 +1\.00 +0\.00 +82\.89 {2}良好/);
  });

  it('prints the hashes of the canonical scenario and results with --hash', () => {
    // Act
    const { stdout } = score([examplePath, '--hash']);

    // Assess
    const resultsHash = sha256Hex(canonicalJson(computeResults(example())));
    expect(stdout).toMatch(new RegExp(`^scenario sha256 [0-9a-f]{64}\nresults  sha256 ${resultsHash}\n$`));
  });

  it('refuses a missing file with one line and exit code 1', () => {
    // Act
    const output = score(['no/such/scenario.json']);

    // Assess
    expect(output).toEqual({ code: 1, stdout: '', stderr: 'score: 找不到情景文件 no/such/scenario.json\n' });
  });

  it('lists every problem of an invalid scenario with its path, exit code 1', () => {
    // Prepare
    const broken = resolve(import.meta.dirname, 'fixtures/broken.scenario.json');

    // Act
    const output = score([broken]);

    // Assess
    expect(output.code).toBe(1);
    const lines = output.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/无法计分，共 2 个问题/);
    expect(lines.slice(1)).toEqual([
      '  agreements[0].indicators[0].leaves[0].rule.floor: 指标 A01：零分值 F 不能等于目标值 T（90）',
      '  agreements[0].indicators: 指标分值合计为 95.00，应为 100',
    ]);
  });
});
