/**
 * Demo quarter-end evidence: Q1–Q3 of the current year submitted by every unit with a signed
 * agreement, with values near each unit's targets, narratives in the units' own words, a few small
 * sample files (tiny valid PDFs and PNGs made here) uploaded through the same presigned POST the
 * browser uses, reviews by the category's rater, and one returned-then-resubmitted item per unit
 * in Q2. Create-if-absent per unit and period, like the rest of the seed.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { listAgreements } from '../../shared/db/agreement-repo';
import type { Db } from '../../shared/db/client';
import { putIfAbsent } from '../../shared/db/items';
import { attachmentKey } from '../../shared/db/keys';
import { listPeriodRecords, seedSubmissionRecords } from '../../shared/db/submission-repo';
import { getYear } from '../../shared/db/year-repo';
import {
  attachmentObjectKey,
  evidenceObjectKey,
  UPLOAD_EXPIRES_SECONDS,
} from '../../shared/domain/submissions/evidence';
import { indicatorsForPeriod } from '../../shared/domain/submissions/indicators';
import type { EvidenceStore } from '../../shared/evidence/store';
import type { Agreement } from '../../shared/schemas/agreement';
import type {
  EvidenceFile,
  IndicatorSheet,
  ItemEvent,
  PeriodSubmission,
  SubmissionItem,
} from '../../shared/schemas/submission';
import type { Period } from '../../shared/schemas/year';
import { demoValue as scoredValue } from './demo-facts';
import { DEMO_USERS } from './demo-org';

// ── tiny valid sample files ────────────────────────────────────────────────────────────────────

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A one-page PDF showing a line of (ASCII) text, with a correct cross-reference table. */
export const tinyPdf = (text = 'Kaoping evidence'): Buffer => {
  const stream = `BT /F1 16 Tf 24 70 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 360 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

/** A PNG of `width` × `height` pixels in one colour, with a darker band (a "scanned page"). */
export const tinyPng = (width = 48, height = 32, rgb: [number, number, number] = [30, 120, 200]): Buffer => {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc32(typed), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Array.from({ length: height }, (_, y) => {
    const shade = y > height / 3 && y < (height * 2) / 3 ? 0.6 : 1;
    const pixels = Buffer.alloc(width * 3).map((_, i) => Math.round((rgb[i % 3] ?? 0) * shade));
    return Buffer.concat([Buffer.from([0]), pixels]);
  });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** A zip container (deflated entries): with Office part names it is a DOCX or XLSX to file-type. */
export const tinyZip = (files: Record<string, string>): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

/** A minimal DOCX (content types + document part) with one paragraph. */
export const tinyDocx = (text = '工作总结'): Buffer =>
  tinyZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  });

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Uploads bytes with a presigned POST form, exactly as the browser does. */
export const postWithForm = async (
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  contentType: string,
): Promise<number> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'upload');
  const res = await fetch(upload.url, { method: 'POST', body: form });
  await res.arrayBuffer();
  return res.status;
};

// ── values and narratives ──────────────────────────────────────────────────────────────────────

/** A stable number in [0, 1) per string: the same demo on every machine. */
const unitNoise = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;

const QUARTER_END: Record<Period, { month: number; day: number }> = {
  Q1: { month: 3, day: 31 },
  Q2: { month: 6, day: 30 },
  Q3: { month: 9, day: 30 },
  Q4: { month: 12, day: 31 },
};
const SHARE: Record<Period, number> = { Q1: 0.25, Q2: 0.5, Q3: 0.75, Q4: 1 };

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** A value near the unit's target for the measure; cumulative counts grow through the year. */
export const demoValue = (indicator: IndicatorSheet, year: number, period: Period, key: string) => {
  if (!indicator.needsValue) return null;
  const r = unitNoise(key);
  const target = typeof indicator.target === 'number' ? indicator.target : Number(indicator.target);
  const lower = indicator.direction === 'lower';
  switch (indicator.measure) {
    case 'rate': {
      const base = Number.isFinite(target) ? target : 90;
      const delta = lower ? -6 + r * 8 : -5 + r * 9;
      return round(Math.min(100, Math.max(0, base + delta)), 2);
    }
    case 'count':
      if (indicator.ruleType === 'count') return r < 0.7 ? 0 : 1;
      return Math.round((Number.isFinite(target) ? target : 100) * SHARE[period] * (0.85 + r * 0.3));
    case 'number':
      return round((Number.isFinite(target) ? target : 10) * (lower ? 0.9 + r * 0.15 : 0.95 + r * 0.15), 1);
    case 'boolean':
      return r > 0.12;
    case 'date': {
      const { month } = QUARTER_END[period];
      return `${year}-${String(month - 1).padStart(2, '0')}-${String(5 + Math.floor(r * 20)).padStart(2, '0')}`;
    }
  }
};

const formatValue = (value: number | boolean | string | null, indicator: IndicatorSheet) => {
  if (value === null) return '';
  if (indicator.measure === 'rate') return `${value}%`;
  if (indicator.measure === 'boolean') return value ? '已完成' : '尚未完成';
  return String(value);
};

export const demoNarrative = (
  indicator: IndicatorSheet,
  value: number | boolean | string | null,
  period: Period,
) => {
  const { month } = QUARTER_END[period];
  const material = indicator.evidence.split(/[、，,]/)[0] || '相关台账';
  if (indicator.ruleType === 'deduction') {
    return `截至${month}月底，本单位未发生违规违纪问题；已逐级签订责任书，按月开展自查，相关记录见${material}。`;
  }
  if (indicator.ruleType === 'rating') {
    return `本季度按计划推进${indicator.name}工作，召开专题会议 2 次，整改问题已全部销号，详见${material}。`;
  }
  return `截至${month}月底，${indicator.name}${indicator.measure === 'date' ? '完成于 ' : '为 '}${formatValue(value, indicator)}，数据来源：${material}。`;
};

// ── the seed ───────────────────────────────────────────────────────────────────────────────────

const RATER_OF_CATEGORY: Record<string, string> = {
  'county-medical': 'rater-yizheng',
  'public-health': 'rater-jikong',
  'primary-care': 'rater-jiceng',
};
const PERIODS: Period[] = ['Q1', 'Q2', 'Q3'];
const nameOf = (userId: string) => DEMO_USERS.find((u) => u.id === userId)?.name ?? userId;
const at = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000).toISOString();

const demoUnitPeriod = (
  agreement: Agreement,
  period: Period,
  closesAt: string,
  unitIndex: number,
): { items: SubmissionItem[]; period: PeriodSubmission; fileFor: IndicatorSheet[] } => {
  const { year, unitId } = agreement;
  const reporter = `${unitId}-reporter`;
  const head = `${unitId}-head`;
  const rater = RATER_OF_CATEGORY[agreement.categoryId] ?? 'rater-jiceng';
  // Units hand in over the last days of the window; the rater reviews in the days after.
  const close = new Date(closesAt);
  const submittedAt = at(close, -72 + (unitIndex % 10) * 5);
  const indicators = indicatorsForPeriod(agreement.dimensions, period);
  const event = (status: ItemEvent['status'], userId: string, iso: string, reason?: string): ItemEvent => ({
    status,
    at: iso,
    by: userId,
    byName: nameOf(userId),
    ...(reason ? { reason } : {}),
  });
  let resubmissions = 0;
  const leafOf = new Map(agreement.dimensions.flatMap((d) => d.leaves).map((leaf) => [leaf.code, leaf]));
  const items = indicators.map((indicator, i): SubmissionItem => {
    // The value the committee verifies in the demo facts, so reported and verified agree.
    const leaf = leafOf.get(indicator.code);
    const verified = leaf && indicator.needsValue ? scoredValue(year, unitId, leaf, period) : null;
    const value = verified ?? demoValue(indicator, year, period, `${unitId}/${period}/${indicator.code}`);
    const history = [
      event('draft', reporter, at(new Date(submittedAt), -30 - i)),
      event('submitted', head, submittedAt),
    ];
    // Q1 and Q2 are reviewed; in Q2 the first formula indicator of every third unit went back once.
    const returnedOnce = period === 'Q2' && unitIndex % 3 === 0 && i === 0;
    if (returnedOnce) {
      resubmissions++;
      history.push(
        event('returned', rater, at(close, 20), '请补充加盖公章的统计报表'),
        event('resubmitted', head, at(close, 44)),
      );
    }
    // Every fourth unit's Q3 still waits for review.
    if (period !== 'Q3' || unitIndex % 4 !== 0) {
      history.push(event('accepted', rater, at(close, 96 + (returnedOnce ? 24 : 0))));
    }
    const last = history[history.length - 1]!;
    return {
      year,
      unitId,
      period,
      code: indicator.code,
      status: last.status,
      value,
      narrative: demoNarrative(indicator, value, period),
      returnReason: returnedOnce ? '请补充加盖公章的统计报表' : null,
      history,
      updatedAt: last.at,
      updatedBy: last.by,
      version: history.length,
    };
  });
  const rounds = [
    { at: submittedAt, by: head, byName: nameOf(head), submitted: items.length, resubmitted: 0 },
    ...(resubmissions > 0
      ? [{ at: at(close, 44), by: head, byName: nameOf(head), submitted: 0, resubmitted: resubmissions }]
      : []),
  ];
  return {
    items,
    period: { year, unitId, period, rounds, submittedAt, version: rounds.length },
    // Two files a unit and period: the first two indicators that ask for a value.
    fileFor: indicators.filter((i) => i.needsValue).slice(0, 2),
  };
};

/**
 * Seeds Q1–Q3 of `year` for every unit with a signed agreement; skips a unit's period that is
 * already there. Returns how many records were written.
 */
export const seedDemoSubmissions = async (db: Db, year: number, evidence: EvidenceStore): Promise<number> => {
  const [yearRecord, agreements] = await Promise.all([getYear(db, year), listAgreements(db, year)]);
  const signed = agreements
    .filter((a) => a.state === 'signed' || a.state === 'locked')
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
  let written = 0;
  for (const period of PERIODS) {
    const window = yearRecord.periods.find((w) => w.period === period);
    if (!window) continue;
    const done = new Set((await listPeriodRecords(db, year, period)).submissions.map((s) => s.unitId));
    const todo = signed.filter((a) => !done.has(a.unitId));
    const plans = todo.map((agreement) => ({
      agreement,
      ...demoUnitPeriod(agreement, period, window.closesAt, signed.indexOf(agreement)),
    }));
    const uploads = plans.flatMap((plan) =>
      plan.fileFor.map((indicator, i) => ({ plan, indicator, pdf: i === 0, index: i })),
    );
    const files: EvidenceFile[] = [];
    // A few uploads at a time, through the same presigned POST the browser uses.
    for (let i = 0; i < uploads.length; i += 8) {
      files.push(
        ...(await Promise.all(
          uploads.slice(i, i + 8).map(async ({ plan, indicator, pdf, index }): Promise<EvidenceFile> => {
            const unitId = plan.agreement.unitId;
            const bytes = pdf ? tinyPdf(`${unitId} ${year} ${period} ${indicator.code}`) : tinyPng();
            const contentType = pdf ? 'application/pdf' : 'image/png';
            const fileId = createHash('sha256')
              .update(`${unitId}/${year}/${period}/${indicator.code}/${index}`)
              .digest('hex')
              .slice(0, 32);
            const objectKey = evidenceObjectKey({ unitId, year, period, fileId, ext: pdf ? 'pdf' : 'png' });
            const sha256 = sha256Hex(bytes);
            const upload = await evidence.presignUpload({
              key: objectKey,
              contentType,
              size: bytes.byteLength,
              sha256,
              expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
            });
            const status = await postWithForm(upload, bytes, contentType);
            if (status >= 300) throw new Error(`demo evidence upload failed with HTTP ${status}`);
            return {
              fileId,
              year,
              unitId,
              period,
              code: indicator.code,
              name: pdf ? `${indicator.name}统计报表.pdf` : `${indicator.name}现场照片.png`,
              contentType,
              size: bytes.byteLength,
              sha256,
              state: 'ready',
              objectKey,
              uploadedAt: plan.items[0]?.history[0]?.at ?? plan.period.submittedAt,
              uploadedBy: `${unitId}-reporter`,
              uploadedByName: nameOf(`${unitId}-reporter`),
            };
          }),
        )),
      );
    }
    // Items and files first, the period record last: a seed interrupted midway is resumed next time.
    written += await seedSubmissionRecords(db, { items: plans.flatMap((p) => p.items), files });
    written += await seedSubmissionRecords(db, { periods: plans.map((p) => p.period) });
  }
  return written;
};

/**
 * The photo of the demo inspection awaiting approval (新兖… 暗访 of 漕河镇卫生院), uploaded like the
 * browser does, so the admin's approval queue has a 现场照片 to open.
 */
export const seedDemoAttachments = async (
  db: Db,
  year: number,
  evidence: EvidenceStore,
): Promise<boolean> => {
  const ownerId = `ins-${year}1110-caohe`;
  const unitId = 'caohe-thc';
  const fileId = createHash('sha256').update(`${ownerId}/photo`).digest('hex').slice(0, 32);
  const bytes = tinyPng();
  const sha256 = sha256Hex(bytes);
  const objectKey = attachmentObjectKey({ unitId, year, ownerId, fileId }, 'png');
  if (!(await evidence.inspect(objectKey))) {
    const upload = await evidence.presignUpload({
      key: objectKey,
      contentType: 'image/png',
      size: bytes.byteLength,
      sha256,
      expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
    });
    const status = await postWithForm(upload, bytes, 'image/png');
    if (status >= 300) throw new Error(`demo photo upload failed with HTTP ${status}`);
  }
  return putIfAbsent(db, {
    ...attachmentKey(year, unitId, 'inspection', ownerId, fileId),
    entity: 'attachment',
    fileId,
    year,
    unitId,
    ownerKind: 'inspection',
    ownerId,
    name: '药房无人值守.png',
    contentType: 'image/png',
    size: bytes.byteLength,
    sha256,
    state: 'ready',
    objectKey,
    uploadedAt: `${year}-11-10T10:20:00+08:00`,
    uploadedBy: 'inspector-xingfeng',
    uploadedByName: nameOf('inspector-xingfeng'),
  });
};
