/** Seeded submission records (demo data, benchmarks): written if absent, never overwriting. */
import type { EvidenceFile, PeriodSubmission, SubmissionItem } from '../schemas/submission';
import type { Db } from './client';
import { fileRecord } from './evidence-file-repo';
import { putIfAbsent } from './items';
import { mapLimit } from './parallel';
import { periodRecord } from './period-submission-repo';
import { itemRecord } from './submission-item-repo';

/** Writes the records that do not exist yet; returns how many were written. */
export const seedSubmissionRecords = async (
  db: Db,
  records: { items?: SubmissionItem[]; files?: EvidenceFile[]; periods?: PeriodSubmission[] },
): Promise<number> => {
  const puts = [
    ...(records.items ?? []).map(itemRecord),
    ...(records.files ?? []).map(fileRecord),
    ...(records.periods ?? []).map(periodRecord),
  ];
  // A few writes at a time: DynamoDB Local (and a new on-demand table) take bursts badly.
  const written = await mapLimit(puts, 10, (item) => putIfAbsent(db, item, { versioned: false }));
  return written.filter(Boolean).length;
};
