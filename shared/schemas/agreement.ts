/**
 * Agreements (目标责任书): one per unit and year, generated from the category's template.
 *
 * The content a unit signs is `dimensions`: the template's leaves resolved for the unit
 * (target = agreement override ?? planned unit target ?? template default; weight overrides;
 * unit-specific indicators; removed indicators). `base` is the template as it stood at generation
 * with the planned unit targets applied, `customisation` the unit's own changes on top of it, so
 * re-generating a draft keeps the unit's changes and an amendment is a new customisation.
 */
import { z } from '@hono/zod-openapi';
import { PeriodSchema, ValueSchema } from './scenario';
import { IndicatorCodeSchema, ProblemSchema, TemplateLeafSchema } from './template';

export const AGREEMENT_STATES = ['draft', 'issued', 'signed', 'locked'] as const;
export const AgreementStateSchema = z.enum(AGREEMENT_STATES);
export type AgreementState = z.infer<typeof AgreementStateSchema>;

/** Where a leaf's target comes from, so the editor can show what the unit changed. */
export const TargetSourceSchema = z.enum(['template', 'unit_plan', 'agreement', 'none']);
export type TargetSource = z.infer<typeof TargetSourceSchema>;

/** A leaf of a unit's agreement: the template leaf with the unit's target. */
export const AgreementLeafSchema = TemplateLeafSchema.extend({
  target: ValueSchema.optional().meta({ description: '本单位目标值 T' }),
  origin: z.enum(['template', 'unit']).meta({ description: 'template 模板指标，unit 本单位特有指标' }),
  targetSource: TargetSourceSchema,
}).openapi('AgreementLeaf');
export type AgreementLeaf = z.infer<typeof AgreementLeafSchema>;

export const AgreementDimensionSchema = z
  .strictObject({ name: z.string(), leaves: z.array(AgreementLeafSchema) })
  .openapi('AgreementDimension');
export type AgreementDimension = z.infer<typeof AgreementDimensionSchema>;

/** A unit-specific indicator: a full leaf (with its own target) and the dimension it belongs to. */
export const ExtraIndicatorSchema = z.strictObject({
  dimension: z.string().trim().min(1, '不能为空').max(40),
  leaf: TemplateLeafSchema.extend({ target: ValueSchema.optional() }),
});
export type ExtraIndicator = z.infer<typeof ExtraIndicatorSchema>;

/** The unit's changes to the template: target and weight overrides, extra and removed indicators. */
export const CustomisationSchema = z
  .strictObject({
    targets: z.record(IndicatorCodeSchema, ValueSchema).default({}),
    weights: z.record(IndicatorCodeSchema, z.number()).default({}),
    extraIndicators: z.array(ExtraIndicatorSchema).max(20).default([]),
    removedCodes: z.array(IndicatorCodeSchema).max(60).default([]),
  })
  .openapi('Customisation');
export type Customisation = z.infer<typeof CustomisationSchema>;

export const EMPTY_CUSTOMISATION: Customisation = {
  targets: {},
  weights: {},
  extraIndicators: [],
  removedCodes: [],
};

/** The unit head's signature: who, when, and the SHA-256 of the exact canonical content signed. */
export const SignatureSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    at: z.string(),
    revision: z.number().int(),
    contentHash: z.string(),
  })
  .openapi('Signature');
export type Signature = z.infer<typeof SignatureSchema>;

export const AGREEMENT_ACTIONS = [
  'generated',
  'regenerated',
  'edited',
  'issued',
  'withdrawn',
  'signed',
  'locked',
  'amendment_proposed',
  'amendment_approved',
  'amendment_rejected',
] as const;
export const AgreementEventSchema = z.object({
  action: z.enum(AGREEMENT_ACTIONS),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  revision: z.number().int(),
  note: z.string().optional(),
});
export type AgreementEvent = z.infer<typeof AgreementEventSchema>;

/** The parts of an agreement that are signed: hashed canonically, shown on the printed page. */
export const AgreementContentSchema = z.object({
  year: z.number().int(),
  unitId: z.string(),
  unitName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  title: z.string(),
  partyA: z.string(),
  /** Content revision: 1 as generated, +1 per approved amendment. */
  revision: z.number().int(),
  dimensions: z.array(AgreementDimensionSchema),
});
export type AgreementContent = z.infer<typeof AgreementContentSchema>;

/**
 * A signed revision in force from a period on. The current revision, once signed, is listed without
 * its content (it is the agreement's own); earlier ones carry theirs.
 */
export const InForceRevisionSchema = z
  .object({
    revision: z.number().int(),
    from: PeriodSchema,
    dimensions: z.array(AgreementDimensionSchema).optional(),
  })
  .openapi('InForceRevision');
export type InForceRevision = z.infer<typeof InForceRevisionSchema>;

export const AgreementSchema = AgreementContentSchema.extend({
  state: AgreementStateSchema,
  /** Optimistic-locking version of the stored item (changes on every write). */
  version: z.number().int(),
  templateVersion: z.number().int(),
  unitHead: z.string(),
  base: z.array(AgreementDimensionSchema),
  customisation: CustomisationSchema,
  contentHash: z.string(),
  signature: SignatureSchema.optional(),
  pendingAmendmentId: z.string().optional(),
  /** The period the current revision takes effect from (an amended one; absent: Q1). */
  effectiveFrom: PeriodSchema.optional(),
  /** The signed revisions in force and from which period (absent: the signed revision, all year). */
  inForce: z.array(InForceRevisionSchema).optional(),
  history: z.array(AgreementEventSchema),
  updatedAt: z.string(),
}).openapi('Agreement');
export type Agreement = z.infer<typeof AgreementSchema>;

/** An agreement as the API answers it: with its weight sum and validation problems. */
export const AgreementViewSchema = AgreementSchema.extend({
  totalW: z.string(),
  problems: z.array(ProblemSchema),
}).openapi('AgreementView');
export type AgreementView = z.infer<typeof AgreementViewSchema>;

export const AgreementSummarySchema = AgreementSchema.pick({
  year: true,
  unitId: true,
  unitName: true,
  categoryId: true,
  categoryName: true,
  state: true,
  revision: true,
  version: true,
  contentHash: true,
  signature: true,
  pendingAmendmentId: true,
  updatedAt: true,
})
  .extend({ leafCount: z.number().int() })
  .openapi('AgreementSummary');
export type AgreementSummary = z.infer<typeof AgreementSummarySchema>;

/** A page of agreements (GET …/agreement-pages): the rows, the next page's cursor, the count when known. */
export const AgreementPageSchema = z
  .object({
    items: z.array(AgreementSummarySchema),
    /** The cursor of the next page, null on the last. */
    next: z.string().nullable(),
    /** How many agreements the year has, when known by key (no filter, every unit), else null. */
    total: z.number().int().nullable(),
  })
  .openapi('AgreementPage');
export type AgreementPage = z.infer<typeof AgreementPageSchema>;

/** An issued revision, kept forever: its content, its hash and (once signed) the signature. */
export const AgreementVersionSchema = AgreementContentSchema.extend({
  customisation: CustomisationSchema,
  contentHash: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** The amendment that produced this revision, and its reason (none for revision 1). */
  amendmentId: z.string().optional(),
  reason: z.string().optional(),
  /** The period an amended revision takes effect from. */
  effectiveFrom: PeriodSchema.optional(),
  signature: SignatureSchema.optional(),
}).openapi('AgreementVersion');
export type AgreementVersion = z.infer<typeof AgreementVersionSchema>;

/** One changed field of one indicator between two revisions. */
export const FieldChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string(),
  after: z.string(),
});
export const IndicatorChangeSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    dimension: z.string(),
    kind: z.enum(['added', 'removed', 'changed']),
    fields: z.array(FieldChangeSchema),
  })
  .openapi('IndicatorChange');
export type IndicatorChange = z.infer<typeof IndicatorChangeSchema>;

export const AgreementDiffSchema = z
  .object({
    fromRevision: z.number().int(),
    toRevision: z.number().int(),
    /** Changes of the agreement's own fields (title, party A, unit name). */
    header: z.array(FieldChangeSchema),
    indicators: z.array(IndicatorChangeSchema),
  })
  .openapi('AgreementDiff');
export type AgreementDiff = z.infer<typeof AgreementDiffSchema>;

export const AMENDMENT_STATES = ['pending', 'approved', 'rejected'] as const;
export const AmendmentSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    unitId: z.string(),
    state: z.enum(AMENDMENT_STATES),
    fromRevision: z.number().int(),
    reason: z.string(),
    /** The first period scored on the amended content; earlier periods keep the signed revision. */
    effectiveFrom: PeriodSchema.optional(),
    customisation: CustomisationSchema,
    dimensions: z.array(AgreementDimensionSchema),
    diff: AgreementDiffSchema,
    proposedBy: z.string(),
    proposedByName: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().optional(),
    decidedByName: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionNote: z.string().optional(),
    /** The revision an approved amendment became. */
    toRevision: z.number().int().optional(),
  })
  .openapi('Amendment');
export type Amendment = z.infer<typeof AmendmentSchema>;
