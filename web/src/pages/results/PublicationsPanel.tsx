/**
 * 已发布版本: the year's published versions and, for the admin, 重新生成公布页面 (a job writing the
 * newest version's ranking site again from its stored snapshot, no new version). A version whose
 * publication stopped after its commit says so — published, its site or notices not yet done — and
 * the same button finishes it (docs/results.md).
 */
import type { Publication, Year } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../format';
import { useJob } from '../../use-job';
import type { Resource } from '../../use-resource';

/** What is still missing of a version's publication, in the admin's words (none when finished). */
const unfinishedNote = (p: Publication): string | null => {
  if (p.siteDue) return `第 ${p.version} 版结果已发布，公布页面尚未生成。`;
  if (p.noticesDue) return `第 ${p.version} 版结果已发布，公布页面已生成，发布通知尚未全部发出。`;
  return null;
};

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
}) => {
  const siteJob = useJob({ types: ['site'], onSucceeded: reload, onFailed: reload });
  const newest = publications.status === 'ready' ? publications.data.at(-1) : undefined;
  const note = newest ? unfinishedNote(newest) : null;
  return (
    <section class="panel" aria-labelledby="publications-heading">
      <h2 id="publications-heading">已发布版本</h2>
      {publications.status === 'loading' && <Loading />}
      {publications.status === 'error' && <ErrorBanner message={publications.error.message} />}
      {note && (
        <p class="warning">
          {note}
          {isAdmin ? '请点击“重新生成公布页面”完成发布（不会产生新版本，也不会重复通知）。' : ''}
        </p>
      )}
      {isAdmin && newest && (
        <p>
          <JobButton
            primary={note !== null}
            running={siteJob.running}
            onStart={() => void siteJob.start(`/api/years/${year.year}/jobs/site`, {})}
            label="重新生成公布页面"
            busyLabel="正在生成公布页面…"
          />
        </p>
      )}
      {siteJob.error && <ErrorBanner message={siteJob.error} />}
      {siteJob.job && <JobProgress job={siteJob.job} />}
      {publications.status === 'ready' && <PublicationList publications={publications.data} />}
    </section>
  );
};

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
