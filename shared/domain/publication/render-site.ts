/**
 * The static ranking site leadership reads: plain HTML + JSON, no API call, printable.
 * Pure: a published snapshot in, a list of files out (the publish job writes them to S3 or a folder).
 */

import type { CategoryResult, Results, UnitResult } from '../../schemas/results';
import { formatPoints } from '../scoring';
import { SCORE_HASH_COMMAND, scoreHashLines } from './check-hashes';
import { html, page, type Raw } from './html';
import { RANKING_CSS } from './ranking-css';

export interface PublishedSnapshotMeta {
  year: number;
  version: number;
  publishedAt: string;
  /** SHA-256 of the canonical JSON of `{ scenario, results }`. */
  sha256: string;
  /** SHA-256 of the canonical scenario and of the canonical results: what the check command prints. */
  scenarioSha256: string;
  resultsSha256: string;
  bureau: string;
  title: string;
  replaces?: { version: number; reason: string };
}

export interface SiteFile {
  path: string;
  contentType: string;
  body: string;
}

const GRADE_CLASS: Record<string, string> = { 优秀: 'g-a', 良好: 'g-b', 合格: 'g-c', 不合格: 'g-d' };
const shanghai = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

const header = (meta: PublishedSnapshotMeta, back: Raw | string = '') => html`
<header class="site">
  <p class="bureau">${meta.bureau}</p>
  <h1>${meta.title}</h1>
  <p class="meta">第 ${meta.version} 版 · 发布于 ${shanghai(meta.publishedAt)}（北京时间）${back}</p>
  ${meta.replaces ? html`<p class="notice">本版更正第 ${meta.replaces.version} 版：${meta.replaces.reason}</p>` : ''}
</header>`;

const gradeBadge = (unit: UnitResult) =>
  html`<span class="grade ${GRADE_CLASS[unit.grade] ?? ''}">${unit.grade}</span>${
    unit.vetoed
      ? html` <span class="veto">一票否决</span>${unit.vetoReason ? html` <small class="veto-reason">${unit.vetoReason}</small>` : ''}`
      : ''
  }`;

const categoryTable = (category: CategoryResult, unitHref: (u: UnitResult) => string, withToc = false) => {
  const dimensions = category.units[0]?.dimensions.map((d) => d.name) ?? [];
  return html`
<section class="category" aria-labelledby="cat-${category.categoryId}">
  <h2 id="cat-${category.categoryId}">${category.name}<small>（${category.unitCount} 个单位，优秀名额 ${category.excellentQuota} 个）</small></h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="${category.name}排名表">
  <table>
    <caption class="sr-only">${category.name}考核排名</caption>
    <thead><tr>
      <th scope="col">名次</th><th scope="col">单位</th>
      ${dimensions.map((d) => html`<th scope="col" class="num dim">${d}</th>`)}
      <th scope="col" class="num detail">基础分</th><th scope="col" class="num detail">加分</th><th scope="col" class="num detail">减分</th>
      <th scope="col" class="num">最终得分</th><th scope="col">等级</th>
    </tr></thead>
    <tbody>
    ${category.units.map(
      (u) => html`<tr class="${u.vetoed ? 'vetoed' : ''}">
      <td class="num">${u.rank}</td>
      <th scope="row"><a href="${unitHref(u)}">${u.unitName}</a></th>
      ${u.dimensions.map((d) => html`<td class="num dim">${formatPoints(d.subtotalCents)}</td>`)}
      <td class="num detail">${formatPoints(u.baseCents)}</td>
      <td class="num detail">${formatPoints(u.bonusAppliedCents)}</td>
      <td class="num detail">${formatPoints(u.penaltyAppliedCents)}</td>
      <td class="num strong">${formatPoints(u.finalCents)}</td>
      <td>${gradeBadge(u)}</td>
    </tr>`,
    )}
    </tbody>
  </table>
  </div>
  ${withToc ? html`<p class="to-toc"><a href="#toc">返回类别目录</a></p>` : ''}
</section>`;
};

/**
 * 类别目录: jump links to each category's table with its unit count, for a city's hundreds of rows
 * (a county's page is short enough without it).
 */
const toc = (results: Results) => html`
<nav id="toc" class="toc" aria-label="类别目录">
  <h2>类别目录</h2>
  <ol>${results.categories.map(
    (c) => html`<li><a href="#cat-${c.categoryId}">${c.name}</a> <small>${c.unitCount} 个单位</small></li>`,
  )}</ol>
</nav>`;

/** Above this many units the year page gets its 类别目录 and 返回类别目录 links. */
export const TOC_ABOVE_UNITS = 60;

const needsToc = (results: Results) =>
  results.categories.length > 1 &&
  results.categories.reduce((n, c) => n + c.units.length, 0) > TOC_ABOVE_UNITS;

const verifyNote = (meta: PublishedSnapshotMeta) => html`
<section class="verify">
  <h2>如何核验</h2>
  <p>本页数据由 <a href="scenario.json">计分情景 scenario.json</a>（全部计分输入）经计分引擎计算得到
  <a href="results.json">results.json</a>。任何人可下载 scenario.json，用本系统源代码运行
  <code>${SCORE_HASH_COMMAND}</code>，输出应与下面两行逐字相同：</p>
  <pre class="hash">${scoreHashLines(meta)}</pre>
  <p>（<code>npm run score -- scenario.json</code> 输出完整结果，可与 results.json 逐字节比对。）</p>
</section>`;

export const renderYearPage = (meta: PublishedSnapshotMeta, results: Results, cssHref: string) =>
  page({
    title: meta.title,
    css: cssHref,
    body: html`
<a class="skip" href="#main">跳到主要内容</a>
${header(meta, html` · <a href="../">历年结果</a>`)}
<main id="main">
  ${needsToc(results) ? toc(results) : ''}
  ${results.categories.map((c) =>
    categoryTable(c, (u) => `units/${encodeURIComponent(u.unitId)}.html`, needsToc(results)),
  )}
  ${verifyNote(meta)}
</main>`,
  });

export const renderUnitPage = (
  meta: PublishedSnapshotMeta,
  unit: UnitResult,
  category: CategoryResult,
  cssHref: string,
) =>
  page({
    title: `${unit.unitName} · ${meta.title}`,
    css: cssHref,
    body: html`
<a class="skip" href="#main">跳到主要内容</a>
${header(meta, html` · <a href="../">返回排名</a>`)}
<main id="main">
  <h2>${unit.unitName}</h2>
  <dl class="summary">
    <div><dt>类别</dt><dd>${category.name}</dd></div>
    <div><dt>名次</dt><dd>${unit.rank} / ${category.unitCount}</dd></div>
    <div><dt>基础分</dt><dd>${formatPoints(unit.baseCents)}</dd></div>
    <div><dt>加分</dt><dd>${formatPoints(unit.bonusAppliedCents)}${
      unit.bonusCents > unit.bonusAppliedCents
        ? html`<small>（合计 ${formatPoints(unit.bonusCents)}，已封顶）</small>`
        : ''
    }</dd></div>
    <div><dt>减分</dt><dd>${formatPoints(unit.penaltyAppliedCents)}</dd></div>
    <div><dt>最终得分</dt><dd class="strong">${formatPoints(unit.finalCents)}</dd></div>
    <div><dt>等级</dt><dd>${gradeBadge(unit)}</dd></div>
  </dl>
  ${unit.vetoed ? html`<p class="notice">一票否决：${unit.vetoReason ?? ''}</p>` : ''}
  ${unit.dimensions.map(
    (d) => html`
  <section class="dimension">
    <h3>${d.name} <small>${formatPoints(d.subtotalCents)} / ${formatPoints(d.maxCents)}</small></h3>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${d.name}指标得分">
    <table>
      <thead><tr><th scope="col">指标</th><th scope="col" class="num">分值</th><th scope="col" class="num">得分</th><th scope="col">计分说明</th></tr></thead>
      <tbody>
      ${unit.leaves
        .filter((l) => l.dimension === d.name)
        .map(
          (l) => html`<tr>
        <th scope="row">${l.name}<br><small>${l.code}</small></th>
        <td class="num">${formatPoints(l.wCents)}</td>
        <td class="num strong">${formatPoints(l.annualCents)}</td>
        <td><p>${l.explanation}</p>${l.ruleText ? html`<p class="rule">评分标准：${l.ruleText}</p>` : ''}</td>
      </tr>`,
        )}
      </tbody>
    </table>
    </div>
  </section>`,
  )}
  ${
    unit.bonuses.length || unit.penalties.length
      ? html`<section><h3>加分与减分事项</h3><ul>
    ${unit.bonuses.map((b) => html`<li>加分：${b.title} +${formatPoints(b.pointsCents)}</li>`)}
    ${unit.penalties.map((p) => html`<li>减分：${p.title} −${formatPoints(p.pointsCents)}</li>`)}
  </ul></section>`
      : ''
  }
  ${verifyNote({ ...meta })}
</main>`,
  });

export interface PublishedYearIndexEntry {
  year: number;
  version: number;
  publishedAt: string;
  title: string;
}

export const renderIndexPage = (bureau: string, years: PublishedYearIndexEntry[], cssHref: string) =>
  page({
    title: `${bureau} · 目标责任考核结果`,
    css: cssHref,
    body: html`
<a class="skip" href="#main">跳到主要内容</a>
<header class="site"><p class="bureau">${bureau}</p><h1>目标责任考核结果公布</h1></header>
<main id="main">
  ${
    years.length === 0
      ? html`<p class="empty">尚未发布任何年度的考核结果。</p>`
      : html`<ul class="years">${years.map(
          (y) =>
            html`<li><a href="${y.year}/">${y.title}</a> <small>第 ${y.version} 版 · ${shanghai(y.publishedAt)}</small></li>`,
        )}</ul>`
  }
</main>`,
  });

/**
 * The page answered (with 404) for a year whose results are not published: served at any path
 * under /rankings/, so its links and style sheet are absolute.
 */
export const renderNotPublishedPage = (bureau: string, years: PublishedYearIndexEntry[]) =>
  page({
    title: `尚未发布 · ${bureau}`,
    css: '/rankings/assets/ranking.css',
    body: html`
<a class="skip" href="#main">跳到主要内容</a>
<header class="site"><p class="bureau">${bureau}</p><h1>该年度考核结果尚未发布</h1></header>
<main id="main">
  <p>您访问的年度考核结果尚未发布，发布后将在此公布。</p>
  ${
    years.length === 0
      ? html`<p class="empty">尚未发布任何年度的考核结果。</p>`
      : html`<h2>已发布的年度</h2><ul class="years">${years.map(
          (y) => html`<li><a href="/rankings/${y.year}/">${y.title}</a></li>`,
        )}</ul>`
  }
</main>`,
  });

/**
 * All files of one year's publication. The year's folder always shows the newest version; every
 * version also stays under `v<n>/`, so a correction never hides what it corrected.
 */
export const renderYearSite = (
  meta: PublishedSnapshotMeta,
  files: { scenarioJson: string; resultsJson: string; results: Results },
): SiteFile[] => {
  const out: SiteFile[] = [];
  const snapshotJson = `${JSON.stringify(meta, null, 2)}\n`;
  for (const [prefix, css] of [
    [`${meta.year}/`, '../assets/ranking.css'],
    [`${meta.year}/v${meta.version}/`, '../../assets/ranking.css'],
  ] as const) {
    out.push({
      path: `${prefix}index.html`,
      contentType: 'text/html; charset=utf-8',
      body: renderYearPage(meta, files.results, css),
    });
    out.push({ path: `${prefix}scenario.json`, contentType: 'application/json', body: files.scenarioJson });
    out.push({ path: `${prefix}results.json`, contentType: 'application/json', body: files.resultsJson });
    out.push({ path: `${prefix}snapshot.json`, contentType: 'application/json', body: snapshotJson });
    for (const category of files.results.categories) {
      for (const unit of category.units) {
        out.push({
          path: `${prefix}units/${unit.unitId}.html`,
          contentType: 'text/html; charset=utf-8',
          body: renderUnitPage(meta, unit, category, `../${css}`),
        });
      }
    }
  }
  out.push({ path: 'assets/ranking.css', contentType: 'text/css; charset=utf-8', body: RANKING_CSS });
  return out;
};
