/** The published site's one stylesheet: sober, responsive, printable on A4. */
export const RANKING_CSS = `:root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--accent:#1d4ed8;--bg:#f5f7fa}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#fff}
a{color:var(--accent)}a:focus-visible,[tabindex]:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
header.site{background:#b91c1c;color:#fff;padding:16px 20px}
header.site h1{margin:0;font-size:1.5rem}header.site a{color:#fff}
.bureau{margin:0;opacity:.9}.meta{margin:.25rem 0 0;font-size:.9rem}
main{max-width:1200px;margin:0 auto;padding:16px 20px}
h2{font-size:1.25rem;border-left:4px solid #b91c1c;padding-left:8px}h2 small,h3 small{font-weight:normal;color:var(--muted);font-size:.85rem;margin-left:.5rem}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--bg);white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.strong{font-weight:700}
tr.vetoed{background:#fef2f2}
.grade{display:inline-block;padding:0 8px;border-radius:10px;font-size:.85rem;border:1px solid}
.g-a{color:#065f46;border-color:#065f46}.g-b{color:#1e40af;border-color:#1e40af}.g-c{color:#374151;border-color:#374151}.g-d{color:#991b1b;border-color:#991b1b}
.veto{color:#fff;background:#991b1b;padding:0 6px;border-radius:3px;font-size:.8rem}
.veto-reason{display:block;color:#991b1b;font-size:.8rem}
.notice{background:#fffbeb;border:1px solid #f59e0b;color:#78350f;padding:8px 12px;border-radius:4px}
header.site .notice{color:#78350f}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px;margin:0 0 16px}
.summary div{background:var(--bg);padding:8px;border-radius:4px}.summary dt{color:var(--muted);font-size:.85rem}.summary dd{margin:0;font-size:1.1rem}
.rule{color:var(--muted);font-size:.85rem;margin:.25rem 0 0}
td p{margin:0}
.hash{word-break:break-all;white-space:pre-wrap;font-size:.85rem}
.verify{margin-top:32px;color:var(--muted);font-size:.9rem}
.years li{margin:.5rem 0}
.toc ol{display:flex;flex-wrap:wrap;gap:4px 24px;padding-left:1.25rem}.toc small{color:var(--muted)}.to-toc{margin:.5rem 0 0;font-size:.9rem}
tbody th[scope=row]{position:sticky;left:0;background:#fff}tr.vetoed th[scope=row]{background:#fef2f2}
@media (max-width:640px){.dim,.detail{display:none}th,td{padding:6px}header.site h1{font-size:1.2rem}main{padding:12px}}
@media print{@page{size:A4;margin:15mm}.skip,.verify{display:none}header.site{background:none;color:#000;border-bottom:2px solid #000}header.site a{color:#000}
.table-wrap{overflow:visible;border:0}.dim,.detail{display:table-cell}tr{break-inside:avoid}a{color:#000;text-decoration:none}}
`;
