/**
 * Requests the event tests make to set something up: a bonus proposal from a township head and an
 * inspection that orders a rectification. One copy, so every test proposes and inspects alike.
 */
import { CURRENT_YEAR, type TestApi } from './harness';

type Call = TestApi['call'];

/** 新岩镇卫生院's head proposes a 1-point bonus for a city-level award. */
export const proposeBonus = (call: Call) =>
  call('POST', `/api/years/${CURRENT_YEAR}/proposals`, {
    as: 'xinyan-thc-head',
    body: {
      kind: 'bonus',
      unitId: 'xinyan-thc',
      title: '市级先进基层党组织',
      points: 1,
      reason: '市委表彰文件',
    },
  });

/** The work-style inspector records a 明查 of 石桥镇卫生院 with one finding to rectify by 12-01. */
export const recordInspectionWithRectification = (call: Call) =>
  call('POST', `/api/years/${CURRENT_YEAR}/inspections`, {
    as: 'inspector-xingfeng',
    body: {
      unitId: 'shiqiao-thc',
      kind: '明查',
      date: `${CURRENT_YEAR}-11-02`,
      findings: [{ itemCode: 'XF-05', note: '药房脱岗', rectifyBy: `${CURRENT_YEAR}-12-01` }],
    },
  });
