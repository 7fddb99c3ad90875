/**
 * Attachments (附件): the photos of an inspection record (现场照片), the evidence of a rectification
 * answer (整改佐证) and of a bonus, penalty or veto proposal. The same mechanism as quarter-end
 * evidence (./evidence.ts): a presigned POST straight to object storage, then `…/complete` checks
 * size, SHA-256 and the type read from the bytes; downloads are short presigned GETs.
 *
 * Who may do what is the owner's business: the inspection team adds photos while the record awaits
 * approval; the unit adds evidence while the order is open; the proposer while the proposal is
 * undecided; the unit head while their objection is undecided. Whoever may read the owner may read its files; anyone else gets a 403 that says nothing.
 */
import { randomUUID } from 'node:crypto';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { canSeeUnit } from '../../auth/policy';
import type { Principal } from '../../auth/roles';
import {
  createPendingAttachment,
  discardPendingAttachment,
  getAttachment,
  listAttachments,
  markAttachmentReady,
  type OwnerGuard,
  removeAttachment,
} from '../../db/attachment-repo';
import type { Db } from '../../db/client';
import { getInspection, getRectification } from '../../db/inspection-repo';
import { adjustmentKey, inspectionKey, objectionKey, rectificationKey, vetoKey } from '../../db/keys';
import { getObjection } from '../../db/objection-repo';
import { getProposal } from '../../db/proposal-repo';
import {
  attachmentObjectKey,
  checkDeclaredFile,
  evidenceType,
  MAX_FILES_PER_ITEM,
  storedFileName,
} from '../../domain/submissions/evidence';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import {
  type Attachment,
  AttachmentOwnerKindSchema,
  AttachmentSchema,
  AttachmentTicketSchema,
  OWNER_ID_PATTERNS,
} from '../../schemas/attachment';
import { DownloadLinkSchema, UploadRequestSchema } from '../../schemas/submission';
import type { AppEnv } from '../env';
import { body, json, YearParams } from '../openapi';
import { protectedRoute } from '../route';
import {
  downloadLink,
  fileProblemError,
  removeObject,
  signUpload,
  uploadCheckResponses,
  uploadRequestResponses,
  verifyUpload,
} from './evidence';

const OwnerParams = YearParams.extend({
  unitId: z.string().min(1).max(48),
  ownerKind: AttachmentOwnerKindSchema,
  ownerId: z.string().regex(/^[a-z0-9-]{2,80}$/, '编号格式不正确'),
});
const FileParams = OwnerParams.extend({
  fileId: z.string().regex(/^[a-z0-9-]{8,40}$/, '文件编号格式不正确'),
});
type Owned = z.infer<typeof OwnerParams>;

const OWNER_PATH = '/years/{year}/units/{unitId}/attachments/{ownerKind}/{ownerId}';

const listRoute = protectedRoute('attachments.read', {
  method: 'get',
  path: OWNER_PATH,
  summary: '附件列表：检查记录的现场照片、整改佐证、加扣分与一票否决提议的佐证材料',
  request: { params: OwnerParams },
  responses: { 200: json(z.array(AttachmentSchema), '已校验的附件'), 404: json(z.any(), '不存在') },
});
const createRoute = protectedRoute('attachments.write', {
  method: 'post',
  path: OWNER_PATH,
  summary: '申请上传一个附件（返回预签名 POST 表单，15 分钟内有效）',
  request: { params: OwnerParams, ...body(UploadRequestSchema) },
  responses: {
    201: json(AttachmentTicketSchema, '上传表单'),
    409: json(z.any(), '已审核、已销号或已达上限'),
    ...uploadRequestResponses,
  },
});
const completeRoute = protectedRoute('attachments.write', {
  method: 'post',
  path: `${OWNER_PATH}/{fileId}/complete`,
  summary: '确认附件上传完成：校验文件内容类型、大小和 SHA-256',
  request: { params: FileParams },
  responses: {
    200: json(AttachmentSchema, '已校验'),
    409: json(z.any(), '未上传或已审核'),
    ...uploadCheckResponses,
  },
});
const linkRoute = protectedRoute('attachments.read', {
  method: 'get',
  path: `${OWNER_PATH}/{fileId}/link`,
  summary: '查看或下载附件（5 分钟内有效的预签名链接）',
  request: { params: FileParams },
  responses: { 200: json(DownloadLinkSchema, '链接'), 404: json(z.any(), '不存在') },
});
const deleteRoute = protectedRoute('attachments.write', {
  method: 'delete',
  path: `${OWNER_PATH}/{fileId}`,
  summary: '删除一个附件（审核、销号或审批之前）',
  request: { params: FileParams },
  responses: { 204: { description: '已删除' }, 409: json(z.any(), '已审核或已销号') },
});

/** The owner as this principal sees it: may they read it, add to it, and is it still open. */
interface Owner {
  canRead: boolean;
  canWrite: boolean;
  guard: OwnerGuard;
  open: boolean;
}

const isAdminOrLeader = (p: Principal) => p.roles.some((r) => r === 'admin' || r === 'leader');
const isInspector = (p: Principal) => p.roles.includes('inspector');

const loadOwner = async (db: Db, p: Principal, o: Owned): Promise<Owner> => {
  if (!OWNER_ID_PATTERNS[o.ownerKind].test(o.ownerId))
    throw new ValidationError('编号格式不正确', [{ path: 'param.ownerId', message: '编号格式不正确' }]);
  // Unit roles: refuse a foreign unit before reading, so nothing about it leaks.
  if (!isAdminOrLeader(p) && !isInspector(p) && !canSeeUnit(p, o.unitId)) throw new ForbiddenError();
  const ownUnit = canSeeUnit(p, o.unitId);
  switch (o.ownerKind) {
    case 'inspection': {
      const i = await getInspection(db, o.year, o.unitId, o.ownerId);
      const onTeam = isInspector(p) && (i.team.includes(p.userId) || i.recordedBy === p.userId);
      return {
        canRead: isAdminOrLeader(p) || onTeam || (ownUnit && i.state === 'approved'),
        canWrite: onTeam,
        open: i.state === 'submitted',
        guard: {
          key: inspectionKey(o.year, o.unitId, i.id),
          openState: 'submitted',
          closedMessage: '该检查记录已审核，不能再添加或删除现场照片',
        },
      };
    }
    case 'rectification': {
      const r = await getRectification(db, o.year, o.unitId, o.ownerId);
      const unitRole = p.unitId === o.unitId && p.roles.some((x) => x === 'reporter' || x === 'unit_head');
      return {
        canRead: isAdminOrLeader(p) || (isInspector(p) && r.team.includes(p.userId)) || unitRole,
        canWrite: unitRole,
        open: r.state === 'open',
        guard: {
          key: rectificationKey(o.year, o.unitId, r.inspectionId, r.n),
          openState: 'open',
          closedMessage:
            r.state === 'closed'
              ? '该整改已销号，不能再添加或删除佐证材料'
              : '整改情况已报告，等待检查组审核，不能再添加或删除佐证材料',
        },
      };
    }
    case 'objection': {
      // The unit's head filed it and adds its evidence until the committee decides; the committee,
      // leaders and the unit's own users read it.
      const objection = await getObjection(db, o.year, o.unitId, o.ownerId);
      const head = p.unitId === o.unitId && p.roles.includes('unit_head');
      return {
        canRead: isAdminOrLeader(p) || (ownUnit && p.unitId === o.unitId),
        canWrite: head,
        open: objection.state === 'open',
        guard: {
          key: objectionKey(o.year, o.unitId, objection.id),
          openState: 'open',
          closedMessage: '该申诉已处理，不能再添加或删除申诉材料',
        },
      };
    }
    default: {
      const kind = o.ownerKind;
      const proposal = await getProposal(db, o.year, o.unitId, kind, o.ownerId);
      const mine = proposal.proposedBy === p.userId;
      return {
        // The readers of the proposal list (proposals.ts): inspectors see penalties, vetoes and their own.
        canRead:
          isAdminOrLeader(p) ||
          mine ||
          (isInspector(p) && kind !== 'bonus') ||
          (p.roles.includes('unit_head') && p.unitId === o.unitId),
        canWrite: mine,
        open: proposal.state === 'proposed',
        guard: {
          key:
            kind === 'veto'
              ? vetoKey(o.year, o.unitId, proposal.id)
              : adjustmentKey(o.year, o.unitId, kind, proposal.id),
          openState: 'proposed',
          closedMessage: '该提议已审批，不能再添加或删除佐证材料',
        },
      };
    }
  }
};

const readable = async (db: Db, p: Principal, o: Owned) => {
  const owner = await loadOwner(db, p, o);
  if (!owner.canRead) throw new ForbiddenError();
  return owner;
};

/** The owner, if this principal may change its files now: 403 for others, 409 once decided. */
const writable = async (db: Db, p: Principal, o: Owned) => {
  const owner = await readable(db, p, o);
  if (!owner.canWrite) throw new ForbiddenError('只有检查组成员、本单位或提议人可以添加附件');
  if (!owner.open) throw new ConflictError(owner.guard.closedMessage, {}, 'OWNER_CLOSED');
  return owner;
};

/** One file of this owner (an id of another kind's owner is not found). */
const fileOf = async (db: Db, o: z.infer<typeof FileParams>) => {
  const file = await getAttachment(db, o);
  if (file.ownerKind !== o.ownerKind) throw new NotFoundError('附件');
  return file;
};

const ownerOf = ({ year, unitId, ownerKind, ownerId }: Owned) => ({ year, unitId, ownerKind, ownerId });

export const attachmentRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const o = c.req.valid('param');
    await readable(db, c.get('principal'), o);
    const files = await listAttachments(db, o.year, o.unitId, o.ownerId);
    return c.json(
      files.filter((f) => f.state === 'ready' && f.ownerKind === o.ownerKind),
      200,
    );
  })
  .openapi(createRoute, async (c) => {
    const { db, now, evidence } = c.get('deps');
    const o = c.req.valid('param');
    const request = c.req.valid('json');
    const p = c.get('principal');
    const owner = await writable(db, p, o);
    const problem = checkDeclaredFile(request);
    if (problem) throw fileProblemError(problem);
    const existing = await listAttachments(db, o.year, o.unitId, o.ownerId);
    if (existing.filter((f) => f.state === 'ready').length >= MAX_FILES_PER_ITEM)
      throw new ConflictError(`每项最多上传 ${MAX_FILES_PER_ITEM} 个附件`, {}, 'TOO_MANY_FILES');
    const type = evidenceType(request.contentType)!;
    const at = now();
    const fileId = randomUUID();
    const file: Attachment = {
      fileId,
      ...ownerOf(o),
      name: storedFileName(request.name, type),
      contentType: type.mime,
      size: request.size,
      sha256: request.sha256.toLowerCase(),
      state: 'pending',
      objectKey: attachmentObjectKey({ ...o, fileId }, type.ext),
      uploadedAt: at.toISOString(),
      uploadedBy: p.userId,
      uploadedByName: p.name,
    };
    const upload = await signUpload(evidence, file);
    await createPendingAttachment(db, file, at, owner.guard);
    return c.json({ file, upload }, 201);
  })
  .openapi(completeRoute, async (c) => {
    const { db } = c.get('deps');
    const o = c.req.valid('param');
    const owner = await writable(db, c.get('principal'), o);
    const file = await fileOf(db, o);
    if (file.state === 'ready') return c.json(file, 200);
    const discard = () => discardPendingAttachment(db, file);
    await verifyUpload(c.get('deps'), file, discard);
    // Tickets are counted when issued, but many can be issued at once: the limit holds at confirmation.
    const ready = (await listAttachments(db, o.year, o.unitId, o.ownerId)).filter((f) => f.state === 'ready');
    if (ready.length >= MAX_FILES_PER_ITEM) {
      await discard();
      await removeObject(c.get('deps').evidence, file.objectKey, (error) =>
        c.get('deps').logger.warn('attachment object not removed', { error }),
      );
      throw new ConflictError(`每项最多上传 ${MAX_FILES_PER_ITEM} 个附件`, {}, 'TOO_MANY_FILES');
    }
    try {
      return c.json(await markAttachmentReady(db, file, owner.guard), 200);
    } catch (error) {
      // A second confirmation of the same upload (a double click, a retry) is not a closed owner.
      const now = await getAttachment(db, o).catch(() => undefined);
      if (error instanceof ConflictError && now?.state === 'ready') return c.json(now, 200);
      throw error;
    }
  })
  .openapi(linkRoute, async (c) => {
    const { db, evidence } = c.get('deps');
    const o = c.req.valid('param');
    await readable(db, c.get('principal'), o);
    return c.json(await downloadLink(evidence, await fileOf(db, o)), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { db, evidence, logger } = c.get('deps');
    const o = c.req.valid('param');
    const owner = await writable(db, c.get('principal'), o);
    const file = await fileOf(db, o);
    try {
      await removeAttachment(db, file, owner.guard);
    } catch (error) {
      // Removed meanwhile (another tab): the file is gone, which is what was asked.
      const still = await getAttachment(db, o).catch(() => undefined);
      if (!(error instanceof ConflictError && still === undefined)) throw error;
    }
    await removeObject(evidence, file.objectKey, (error) =>
      logger.warn('attachment object not removed', { error }),
    );
    return c.body(null, 204);
  });
