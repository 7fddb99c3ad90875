/**
 * Satisfaction survey results (满意度测评). Each result is stored under `SURVEY#<period>#<code>` in the
 * unit's partition and, in the same transaction, becomes the verified value of the unit's
 * satisfaction indicator for that period (the engine reads verifications only).
 */
import type { Verification } from '../schemas/facts';
import type { SurveyResult } from '../schemas/inspection';
import type { Db } from './client';
import { factItems } from './facts-repo';
import { getItem, queryPrefix, transact } from './items';
import { periodSurveysQuery, surveyIndexes, surveyKey, unitSurveysQuery, verificationKey } from './keys';

/** Writes results and their verifications, 50 units per transaction (100 items). */
export const saveSurveyResults = async (db: Db, year: number, results: SurveyResult[]): Promise<void> => {
  for (let i = 0; i < results.length; i += 50) {
    const chunk = results.slice(i, i + 50);
    const current = await Promise.all(
      chunk.map((r) => getItem<Verification>(db, verificationKey(year, r.unitId, r.period, r.code))),
    );
    await transact(
      db,
      chunk.flatMap((r, k) => {
        const verification: Verification = {
          unitId: r.unitId,
          period: r.period,
          code: r.code,
          verifiedValue: r.rate,
          raterId: r.enteredBy,
          comment: `满意度测评：调查 ${r.respondents} 人，满意 ${r.satisfied} 人`,
          at: r.at,
          version: (current[k]?.version ?? 0) + 1,
        };
        return [
          {
            Put: {
              TableName: db.tableName,
              Item: {
                ...surveyKey(year, r.unitId, r.period, r.code),
                ...surveyIndexes(year, r.unitId, r.period, r.code),
                entity: 'survey',
                ...r,
              },
            },
          },
          { Put: { TableName: db.tableName, Item: factItems.verification(year, verification) } },
        ];
      }),
      '满意度结果正被他人同时修改，请重试',
    );
  }
};

/** A unit's survey results of a period, every indicator or the one given. */
export const listSurveyResults = async (
  db: Db,
  year: number,
  unitId: string,
  period: string,
  code?: string,
): Promise<SurveyResult[]> => {
  if (code) {
    const found = await getItem<SurveyResult>(db, surveyKey(year, unitId, period, code));
    return found ? [found] : [];
  }
  return queryPrefix<SurveyResult>(db, unitSurveysQuery(year, unitId, period));
};

/** A period's survey results of every unit (one Query of gsi1), every indicator or the one given. */
export const listPeriodSurveys = (
  db: Db,
  year: number,
  period: string,
  code?: string,
): Promise<SurveyResult[]> => queryPrefix<SurveyResult>(db, periodSurveysQuery(year, period, code));
