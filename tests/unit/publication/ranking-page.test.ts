/**
 * The published ranking page at a city's size (issue 15): one section per category, and above
 * 60 units a 类别目录 of jump links (with counts) and a way back from each section; a county's page
 * stays as it was. Still one static page: no script, no API.
 */
import { describe, expect, it } from 'vitest';
import { renderYearPage } from '../../../shared/domain/publication/render-site';
import type { Results } from '../../../shared/schemas/results';

const META = {
  year: 2026,
  version: 1,
  publishedAt: '2027-01-20T02:00:00.000Z',
  sha256: 'a'.repeat(64),
  scenarioSha256: 'b'.repeat(64),
  resultsSha256: 'c'.repeat(64),
  bureau: '某市卫生健康委员会',
  title: '2026年度卫生健康目标责任考核结果',
};

const results = (counts: readonly number[]): Results =>
  ({
    schemaVersion: 1,
    year: 2026,
    asOfPeriod: 'Q4',
    categories: counts.map((count, c) => ({
      categoryId: `c${c + 1}`,
      name: `类别${c + 1}`,
      unitCount: count,
      excellentQuota: Math.floor(count * 0.2),
      units: Array.from({ length: count }, (_, i) => ({
        rank: i + 1,
        unitId: `c${c + 1}-${i + 1}`,
        unitName: `类别${c + 1}第${i + 1}单位`,
        baseCents: 9000 - i,
        maxCents: 10000,
        bonusCents: 0,
        bonusAppliedCents: 0,
        penaltyCents: 0,
        penaltyAppliedCents: 0,
        finalCents: 9000 - i,
        grade: '良好',
        vetoed: false,
        bonuses: [],
        penalties: [],
        dimensions: [{ name: '医疗服务', subtotalCents: 4000, maxCents: 5000 }],
        leaves: [],
      })),
    })),
  }) as unknown as Results;

describe('the published ranking page of a city', () => {
  it('lists the categories with their counts as jump links to each section, and links back', () => {
    const html = renderYearPage(META, results([20, 60, 40, 30, 200, 150]), '../assets/ranking.css');
    const toc = /<nav id="toc" class="toc" aria-label="类别目录">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    const links = [...toc.matchAll(/<a href="#cat-(c\d)">([^<]+)<\/a> <small>(\d+) 个单位<\/small>/g)];
    expect(links.map((m) => [m[1], m[2], Number(m[3])])).toEqual([
      ['c1', '类别1', 20],
      ['c2', '类别2', 60],
      ['c3', '类别3', 40],
      ['c4', '类别4', 30],
      ['c5', '类别5', 200],
      ['c6', '类别6', 150],
    ]);
    // Every link lands on its section's heading; every section leads back to the list.
    for (const [, id] of links) expect(html).toContain(`<h2 id="cat-${id}">`);
    expect(html.match(/<a href="#toc">返回类别目录<\/a>/g)).toHaveLength(6);
    expect(html.match(/<tr class="">/g)).toHaveLength(500);
    expect(html).not.toContain('<script');
  });

  it('keeps a county’s short page without the list', () => {
    const html = renderYearPage(META, results([8, 15]), '../assets/ranking.css');
    expect(html).not.toContain('类别目录');
  });
});
