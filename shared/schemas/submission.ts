/**
 * Quarter-end evidence (季度材料上报): submission items, evidence files, the unit head's period
 * submission, extensions, the progress matrix and notifications. The schemas validate requests,
 * document the routes and type the web client.
 */
import { z } from '@hono/zod-openapi';
import { ITEM_STATUSES } from '../domain/submissions/status';
import { AgreementStateSchema } from './agreement';
import { MeasureSchema, ValueSchema } from './scenario';
import { PeriodSchema } from './year';

export const ItemStatusSchema = z.enum(ITEM_STATUSES).meta({
  description: 'draft 草稿，submitted 已提交，returned 已退回，resubmitted 已重新提交，accepted 已通过',
});

export const ItemEventSchema = z
  .object({
    status: ItemStatusSchema,
    at: z.string(),
    by: z.string(),
    byName: z.string(),
    /** The rater's reason of a return (退回原因). */
    reason: z.string().optional(),
  })
  .openapi('ItemEvent');
export type ItemEvent = z.infer<typeof ItemEventSchema>;

/**
 * Where a value taken from the unit's work summary came from (docs/extraction.md): the evidence file
 * or pasted text, the figure the summary states (null: the summary has none for the indicator) and
 * its sentence with UTF-16 offsets into the text read. Kept with the item until another is taken.
 */
const offset = z.number().int().nullable();
export const ValueSourceSchema = z.strictObject({
  kind: z.enum(['file', 'pasted']),
  fileId: z
    .string()
    .regex(/^[a-z0-9-]{8,40}$/, '文件编号格式不正确')
    .optional(),
  value: z.number().nullable(),
  sentence: z.string().max(2000).nullable(),
  sentenceStart: offset,
  start: offset,
  end: offset,
});
export type ValueSource = z.infer<typeof ValueSourceSchema>;

export const SubmissionItemSchema = z
  .object({
    year: z.number().int(),
    unitId: z.string(),
    period: PeriodSchema,
    code: z.string(),
    status: ItemStatusSchema,
    value: ValueSchema.nullable(),
    narrative: z.string(),
    returnReason: z.string().nullable(),
    history: z.array(ItemEventSchema),
    updatedAt: z.string(),
    updatedBy: z.string(),
    version: z.number().int(),
    /** Set when the value was taken from the work summary (从工作总结提取). */
    source: ValueSourceSchema.optional(),
  })
  .openapi('SubmissionItem');
export type SubmissionItem = z.infer<typeof SubmissionItemSchema>;

export const FILE_STATES = ['pending', 'ready'] as const;
/** What every stored file records, whoever owns it (an indicator's evidence, an attachment). */
export const StoredFileFields = {
  fileId: z.string(),
  year: z.number().int(),
  unitId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  state: z.enum(FILE_STATES).meta({ description: 'pending 等待上传确认，ready 已校验' }),
  objectKey: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  uploadedByName: z.string(),
};

export const EvidenceFileSchema = z
  .object({ ...StoredFileFields, period: PeriodSchema, code: z.string() })
  .openapi('EvidenceFile');
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

/** What the browser sends to get an upload signed; `sha256` is the hex SHA-256 of the file. */
export const UploadRequestSchema = z.strictObject({
  name: z.string().trim().min(1, '不能为空').max(120, '文件名不能超过 120 个字符'),
  size: z.number().int().min(0),
  contentType: z.string().min(1).max(120),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制 SHA-256'),
});
export type UploadRequest = z.infer<typeof UploadRequestSchema>;

export const UploadTicketSchema = z
  .object({
    file: EvidenceFileSchema,
    upload: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      expiresAt: z.string(),
      maxBytes: z.number().int(),
    }),
  })
  .openapi('UploadTicket');
export type UploadTicket = z.infer<typeof UploadTicketSchema>;

export const DownloadLinkSchema = z
  .object({
    url: z.string(),
    expiresAt: z.string(),
    inline: z.boolean(),
    name: z.string(),
    contentType: z.string(),
  })
  .openapi('DownloadLink');
export type DownloadLink = z.infer<typeof DownloadLinkSchema>;

export const ItemWriteSchema = z.strictObject({
  value: ValueSchema.nullable().meta({ description: '截至本期末的累计填报值；比率 0–100，计数为非负整数' }),
  narrative: z.string().max(2000, '情况说明不能超过 2000 个字符'),
  /** The version read (0 for an item not saved yet). */
  version: z.number().int().min(0),
  /** The work summary the value was taken from; left out, the stored source (if any) is kept. */
  source: ValueSourceSchema.optional(),
});
export type ItemWrite = z.infer<typeof ItemWriteSchema>;

export const ReviewSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), version: z.number().int().min(1) }),
  z.strictObject({
    decision: z.literal('return'),
    reason: z.string().trim().min(2, '请填写退回原因').max(500, '退回原因不能超过 500 个字符'),
    version: z.number().int().min(1),
  }),
]);
export type Review = z.infer<typeof ReviewSchema>;

export const ExtensionSchema = z
  .object({
    year: z.number().int(),
    unitId: z.string(),
    period: PeriodSchema,
    /** Last day of the extension (Beijing date); the window closes at its end. */
    until: z.string(),
    untilAt: z.string(),
    reason: z.string(),
    grantedBy: z.string(),
    grantedByName: z.string(),
    grantedAt: z.string(),
  })
  .openapi('Extension');
export type Extension = z.infer<typeof ExtensionSchema>;

export const ExtensionWriteSchema = z.strictObject({
  until: z.iso.date('应为日期 YYYY-MM-DD'),
  reason: z.string().trim().min(2, '请填写延期原因').max(300, '延期原因不能超过 300 个字符'),
});

export const PeriodSubmissionSchema = z
  .object({
    year: z.number().int(),
    unitId: z.string(),
    period: PeriodSchema,
    /** Every final submission of the period by the unit head (the first, then resubmissions). */
    rounds: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        byName: z.string(),
        submitted: z.number(),
        resubmitted: z.number(),
      }),
    ),
    submittedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('PeriodSubmission');
export type PeriodSubmission = z.infer<typeof PeriodSubmissionSchema>;

export const SubmitResultSchema = z
  .object({
    period: PeriodSchema,
    submittedAt: z.string(),
    submitted: z.number().int(),
    resubmitted: z.number().int(),
    items: z.array(z.object({ code: z.string(), status: ItemStatusSchema })),
  })
  .openapi('SubmitResult');
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

export const IndicatorSheetSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    dimension: z.string(),
    W: z.number(),
    measure: MeasureSchema,
    direction: z.enum(['higher', 'lower']),
    ruleType: z.string(),
    ruleText: z.string(),
    target: ValueSchema.nullable(),
    evidence: z.string(),
    department: z.string(),
    needsValue: z.boolean(),
  })
  .openapi('IndicatorSheet');
export type IndicatorSheet = z.infer<typeof IndicatorSheetSchema>;

export const WindowViewSchema = z
  .object({
    opensAt: z.string(),
    closesAt: z.string(),
    /** The close that applies to this unit (its extension's end when it has one). */
    effectiveClosesAt: z.string(),
    state: z.enum(['open', 'not_open', 'closed']),
    extension: ExtensionSchema.nullable(),
  })
  .openapi('WindowView');

export const WorksheetSchema = z
  .object({
    year: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    period: PeriodSchema,
    window: WindowViewSchema,
    periodSubmission: PeriodSubmissionSchema.nullable(),
    rows: z.array(
      z.object({
        indicator: IndicatorSheetSchema,
        item: SubmissionItemSchema.nullable(),
        files: z.array(EvidenceFileSchema),
        /** May the caller accept or return this item (the admin, or the rater assigned to it)? */
        canReview: z.boolean(),
      }),
    ),
  })
  .openapi('Worksheet');
export type Worksheet = z.infer<typeof WorksheetSchema>;

export const StatusCountsSchema = z.object({
  missing: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  resubmitted: z.number().int(),
  accepted: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

export const ProgressSchema = z
  .object({
    year: z.number().int(),
    period: PeriodSchema,
    closesAt: z.string(),
    indicators: z.array(z.object({ code: z.string(), name: z.string(), dimension: z.string() })),
    units: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        categoryId: z.string(),
        categoryName: z.string(),
        /** Indicator code → item status, `missing` when the unit has not saved it, absent when not assessed. */
        cells: z.record(z.string(), z.union([ItemStatusSchema, z.literal('missing')])),
        counts: StatusCountsSchema,
        submittedAt: z.string().nullable(),
        extension: ExtensionSchema.nullable(),
      }),
    ),
    /** Units of the filter with no agreement in force this period, and the state of theirs (null: none). */
    unsigned: z.array(
      z.object({
        unitId: z.string(),
        unitName: z.string(),
        categoryId: z.string(),
        categoryName: z.string(),
        agreement: AgreementStateSchema.nullable(),
      }),
    ),
    categories: z.array(
      z.object({
        categoryId: z.string(),
        categoryName: z.string(),
        units: z.number().int(),
        counts: StatusCountsSchema,
        /** The category's own indicators of the period (codes mean different indicators per category). */
        indicators: z.array(z.object({ code: z.string(), name: z.string(), dimension: z.string() })),
      }),
    ),
  })
  .openapi('Progress');
export type Progress = z.infer<typeof ProgressSchema>;

/** A city's totals of a period (GET …/progress-pages): units with an agreement, submitted, not yet, overdue. */
export const ProgressTotalsSchema = z
  .object({
    units: z.number().int(),
    submitted: z.number().int(),
    notSubmitted: z.number().int(),
    /** Not submitted and past the deadline (the period's close, or the unit's extension). */
    overdue: z.number().int(),
  })
  .openapi('ProgressTotals');
export type ProgressTotals = z.infer<typeof ProgressTotalsSchema>;

/** A page of the progress matrix: the page's units (rows and those without an agreement in force). */
export const ProgressPageSchema = ProgressSchema.omit({ categories: true })
  .extend({
    /** The cursor of the next page, null on the last. */
    next: z.string().nullable(),
    /** The year's totals (every unit), null when the caller sees only some units. */
    totals: ProgressTotalsSchema.nullable(),
  })
  .openapi('ProgressPage');
export type ProgressPage = z.infer<typeof ProgressPageSchema>;

export const ProgressQuerySchema = z.strictObject({
  categoryId: z.string().max(48).optional(),
  status: z
    .enum([...ITEM_STATUSES, 'missing'])
    .optional()
    .meta({ description: '只看有此状态指标的单位' }),
  unitId: z.string().max(48).optional(),
});

export const NotificationSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    unitId: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z
  .object({ items: z.array(NotificationSchema), unread: z.number().int() })
  .openapi('NotificationList');
export type NotificationList = z.infer<typeof NotificationListSchema>;
