/**
 * 重新生成公布页面 of a year's newest published version: the button starting the site job (the
 * version's ranking site written again from its stored snapshot, no new version) and its progress.
 * A version whose publication stopped after its commit says so — published, its site or notices
 * not yet done — and the same button finishes it (docs/results.md). Shown in 考核结果's 已发布版本
 * and, only while the newest version is unfinished, on the year page.
 */
import type { Publication, Year } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobButton, JobProgress } from '../../components/JobProgress';
import { useJob } from '../../use-job';

/** What is still missing of a version's publication, in the admin's words (none when finished). */
const unfinishedNote = (p: Publication): string | null => {
  if (p.siteDue) return `第 ${p.version} 版结果已发布，公布页面尚未生成。`;
  if (p.noticesDue) return `第 ${p.version} 版结果已发布，公布页面已生成，发布通知尚未全部发出。`;
  return null;
};

export const SiteRegeneration = ({
  year,
  newest,
  isAdmin,
  onFinished,
  onlyUnfinished = false,
}: {
  year: Year;
  /** The year's newest published version (none while not yet published or loading). */
  newest: Publication | undefined;
  /** Only the admin starts the job; others read the notice. */
  isAdmin: boolean;
  /** Told when the job has ended: read the versions again. */
  onFinished: () => void;
  /** Offer the button only while the newest version is unfinished (or once its job was started here). */
  onlyUnfinished?: boolean;
}) => {
  const siteJob = useJob({ types: ['site'], onSucceeded: onFinished, onFailed: onFinished });
  const note = newest ? unfinishedNote(newest) : null;
  // Once started, the button stays (the keyboard focus with it) while the versions are read again.
  const offered =
    isAdmin && (siteJob.job !== null || (onlyUnfinished ? note !== null : newest !== undefined));
  return (
    <>
      {note && (
        <p class="warning">
          {note}
          {isAdmin ? '请点击“重新生成公布页面”完成发布（不会产生新版本，也不会重复通知）。' : ''}
        </p>
      )}
      {offered && (
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
    </>
  );
};
