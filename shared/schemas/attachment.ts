/**
 * Attachments (附件): photos and files of an inspection record, a rectification order, a
 * bonus/penalty/veto proposal or an objection (申诉材料). They ride on the quarter-end evidence mechanism (presigned POST,
 * checks after upload, presigned GET), so the request and link shapes are the evidence ones.
 */
import { z } from '@hono/zod-openapi';
import { PROPOSAL_KINDS } from './proposal';
import { StoredFileFields } from './submission';

/** What an attachment belongs to: a proposal is named by its kind (its key depends on it). */
export const ATTACHMENT_OWNER_KINDS = [
  'inspection',
  'rectification',
  ...PROPOSAL_KINDS,
  'objection',
] as const;
export const AttachmentOwnerKindSchema = z.enum(ATTACHMENT_OWNER_KINDS);
export type AttachmentOwnerKind = z.infer<typeof AttachmentOwnerKindSchema>;

/** The owner's id pattern per kind, so a malformed id is a 400 naming `param.ownerId`. */
export const OWNER_ID_PATTERNS: Record<AttachmentOwnerKind, RegExp> = {
  inspection: /^ins-[a-z0-9-]{4,40}$/,
  rectification: /^ins-[a-z0-9-]{4,40}-\d{1,3}$/,
  bonus: /^[a-z0-9-]{2,80}$/,
  penalty: /^[a-z0-9-]{2,80}$/,
  veto: /^[a-z0-9-]{2,80}$/,
  objection: /^[a-f0-9-]{8,40}$/,
};

export const AttachmentSchema = z
  .object({ ...StoredFileFields, ownerKind: AttachmentOwnerKindSchema, ownerId: z.string() })
  .openapi('Attachment');
export type Attachment = z.infer<typeof AttachmentSchema>;

export const AttachmentTicketSchema = z
  .object({
    file: AttachmentSchema,
    upload: z.object({
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      expiresAt: z.string(),
      maxBytes: z.number().int(),
    }),
  })
  .openapi('AttachmentTicket');
export type AttachmentTicket = z.infer<typeof AttachmentTicketSchema>;
