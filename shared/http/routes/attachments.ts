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
import type { Principal } from '../../auth/roles';
import {
  assertMayAskAbout,
  canReadInspection,
  canReadProposal,
  canReadRectification,
  isOnTeam,
  isUnitMember,
  seesEveryUnit,
  unitsVisibleTo,
} from '../../auth/visibility';
import {
  countReadyAttachments,
  createPendingAttachment,
  discardPendingAttachment,
  getAttachment,
  listAttachments,
  markAttachmentReady,
  type OwnerGuard,
  ownerItems,
  removeAttachment,
} from '../../db/attachment-repo';
import type { Db } from '../../db/client';
import { getInspection, getRectification } from '../../db/inspection-repo';
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
import * as uploads from '../uploads';

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
    ...uploads.uploadRequestResponses,
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
    ...uploads.uploadCheckResponses,
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

const loadOwner = async (db: Db, p: Principal, o: Owned): Promise<Owner> => {
  if (!OWNER_ID_PATTERNS[o.ownerKind].test(o.ownerId))
    throw new ValidationError('编号格式不正确', [{ path: 'param.ownerId', message: '编号格式不正确' }]);
  // Unit roles: refuse a foreign unit before reading, so nothing about it leaks.
  assertMayAskAbout(p, o.unitId);
  switch (o.ownerKind) {
    case 'inspection': {
      const i = await getInspection(db, o.year, o.unitId, o.ownerId);
      return {
        canRead: canReadInspection(p, i),
        canWrite: isOnTeam(p, i.team, i.recordedBy),
        open: i.state === 'submitted',
        guard: {
          ...ownerItems.inspection(o.year, o.unitId, i.id),
          closedMessage: '该检查记录已审核，不能再添加或删除现场照片',
        },
      };
    }
    case 'rectification': {
      const r = await getRectification(db, o.year, o.unitId, o.ownerId);
      return {
        canRead: canReadRectification(p, r),
        canWrite: isUnitMember(p, o.unitId),
        open: r.state === 'open',
        guard: {
          ...ownerItems.rectification(o.year, o.unitId, r.inspectionId, r.n),
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
        canRead: seesEveryUnit(p) || isUnitMember(p, o.unitId),
        canWrite: head,
        open: objection.state === 'open',
        guard: {
          ...ownerItems.objection(o.year, o.unitId, objection.id),
          closedMessage: '该申诉已处理，不能再添加或删除申诉材料',
        },
      };
    }
    default: {
      const kind = o.ownerKind;
      const proposal = await getProposal(db, o.year, o.unitId, kind, o.ownerId);
      const mine = proposal.proposedBy === p.userId;
      return {
        // The readers of the proposal list (proposals.ts).
        canRead: canReadProposal(p, proposal, await unitsVisibleTo(db, p, o.year)),
        canWrite: mine,
        open: proposal.state === 'proposed',
        guard: {
          ...ownerItems.proposal(o.year, o.unitId, kind, proposal.id),
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

const ownerOf = ({ year, unitId, ownerKind, ownerId }: Owned) => ({ year, unitId, ownerKind, ownerId });

export const attachmentRoutes = new OpenAPIHono<AppEnv>()
  .openapi(listRoute, async (c) => {
    const { db } = c.get('deps');
    const o = c.req.valid('param');
    await readable(db, c.get('principal'), o);
    const files = await listAttachments(db, ownerOf(o));
    return c.json(
      files.filter((f) => f.state === 'ready'),
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
    if (problem) throw uploads.fileProblemError(problem);
    // Asked early so no upload is wasted; the limit itself holds when a file is confirmed.
    if ((await countReadyAttachments(db, ownerOf(o))) >= MAX_FILES_PER_ITEM)
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
    const upload = await uploads.signUpload(evidence, file);
    await createPendingAttachment(db, file, at, owner.guard);
    return c.json({ file, upload }, 201);
  })
  .openapi(completeRoute, async (c) => {
    const { db } = c.get('deps');
    const o = c.req.valid('param');
    const owner = await writable(db, c.get('principal'), o);
    const file = await getAttachment(db, o);
    if (file.state === 'ready') return c.json(file, 200);
    try {
      const confirmed = await uploads.completeUpload(
        c.get('deps'),
        file,
        () => discardPendingAttachment(db, file),
        () => markAttachmentReady(db, file, owner.guard),
      );
      return c.json(confirmed, 200);
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
    return c.json(await uploads.downloadLink(evidence, await getAttachment(db, o)), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { db, evidence, logger } = c.get('deps');
    const o = c.req.valid('param');
    const owner = await writable(db, c.get('principal'), o);
    const file = await getAttachment(db, o);
    try {
      await removeAttachment(db, file, owner.guard);
    } catch (error) {
      // Removed meanwhile (another tab): the file is gone, which is what was asked.
      const still = await getAttachment(db, o).catch(() => undefined);
      if (!((error instanceof ConflictError || error instanceof NotFoundError) && still === undefined))
        throw error;
    }
    await uploads.removeObject(evidence, file.objectKey, (error) =>
      logger.warn('attachment object not removed', { error }),
    );
    return c.body(null, 204);
  });
