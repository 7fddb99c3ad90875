/**
 * 已发布版本: the year's published versions and, for the admin, 重新生成公布页面 of the newest
 * (./SiteRegeneration.tsx, which also says when its publication stopped after its commit).
 */
import type { Publication, Year } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../format';
import type { Resource } from '../../use-resource';
import { SiteRegeneration } from './SiteRegeneration';

export const PublicationsPanel = ({
  year,
  publications,
  reload,
  isAdmin,
}: {
  year: Year;
  publications: Resource<Publication[]>;
  reload: () => void;
  isAdmin: boolean;
}) => (
  <section class="panel" aria-labelledby="publications-heading">
    <h2 id="publications-heading">已发布版本</h2>
    {publications.status === 'loading' && <Loading />}
    {publications.status === 'error' && <ErrorBanner message={publications.error.message} />}
    <SiteRegeneration
      year={year}
      newest={publications.status === 'ready' ? publications.data.at(-1) : undefined}
      isAdmin={isAdmin}
      onFinished={reload}
    />
    {publications.status === 'ready' && <PublicationList publications={publications.data} />}
  </section>
);

const PublicationList = ({ publications }: { publications: Publication[] }) =>
  publications.length === 0 ? (
    <p class="muted">本年度结果尚未发布。</p>
  ) : (
    <ul class="plain-list publication-list">
      {publications.map((p) => (
        <li key={p.version}>
          <strong>第 {p.version} 版</strong> · 发布于 {formatDateTime(p.publishedAt)}
          {p.replaces && (
            <>
              {' '}
              · 更正第 {p.replaces.version} 版：{p.replaces.reason}
            </>
          )}
          {p.siteWrittenAt && <> · 公布页面生成于 {formatDateTime(p.siteWrittenAt)}</>}
          <br />
          SHA-256：<code class="hash">{p.sha256}</code>
        </li>
      ))}
    </ul>
  );
