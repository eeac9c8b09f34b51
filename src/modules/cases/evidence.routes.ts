// Evidence uploads (VER-3): the type is read from the bytes, image metadata is removed, the name
// is kept only as a label, and each file records its uploader, time, size and SHA-256 digest,
// bound to an item and a claim.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/access.ts';
import { isStorableText } from '../../http/input.guard.ts';
import type { AppDeps } from '../../http/deps.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { assertAcceptsChanges, assertCanReadCase, assertCanSeeCase } from './case.access.ts';
import { findCaseByNo } from './case.repository.ts';
import { recordCaseEvents } from './case.events.ts';
import { caseNoParams } from './case.schemas.ts';
import { assertNotPurged } from '../retention/retention.guard.ts';
import { fileTooLarge } from './evidence.store.ts';
import { checkMessage } from '../../shared/validation.ts';

const fieldsSchema = z.object({
  purpose: z.enum(['evidence', 'inspection', 'execution_proof', 'other']).default('evidence'),
  caseItemId: z.string().uuid().optional(),
  supports: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(isStorableText, checkMessage({ 'zh-CN': '包含无法保存为文本的字符', 'en-US': 'contains a character text cannot hold' }))
    .optional(),
});

/**
 * The uploader's file name is a label, kept as sent (markup, quotes and "../" included: the API
 * returns it as data and the console renders it as text) without control characters, which no
 * file name needs. It never becomes a path: the file is stored under a generated key.
 */
function labelOf(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'file').slice(0, 200);
}

/** The name a download is saved under: the label's last path segment, without separators. */
function downloadName(label: string): string {
  return label.split(/[/\\]/).filter(Boolean).at(-1) ?? 'file';
}

export async function evidenceRoutes(root: FastifyInstance, deps: AppDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/cases/:caseNo/attachments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['cases'],
        summary: 'Upload evidence (multipart: file, purpose, caseItemId, supports)',
        consumes: ['multipart/form-data'],
        params: caseNoParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart()) {
        throw new AppError({
          status: 415,
          type: 'unsupported-media-type',
          text: { 'zh-CN': '请以 multipart/form-data 上传文件', 'en-US': 'Upload the file as multipart/form-data' },
        });
      }
      const file = await request.file();
      if (!file) throw invalid('file', { 'zh-CN': '缺少文件', 'en-US': 'No file was sent' });
      // The multipart limit stops the stream before the store sees it: answer as the store would.
      const bytes = await file.toBuffer().catch((error: { code?: string }) => {
        throw error.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge(deps.config.maxUploadBytes) : error;
      });
      const fields = Object.fromEntries(
        Object.entries(file.fields)
          .map(([key, value]) => [key, value && !Array.isArray(value) && value.type === 'field' ? String(value.value) : undefined])
          .filter(([, value]) => value !== undefined),
      );
      const parsed = fieldsSchema.safeParse(fields);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw invalid(issue.path.join('.') || 'fields', { 'zh-CN': '上传字段不正确', 'en-US': issue.message });
      }
      const now = deps.clock.now();
      const { db } = deps.database;
      const row = assertCanSeeCase(actor, await findCaseByNo(db, request.params.caseNo));
      assertNotPurged(row);
      assertAcceptsChanges(row);
      if (parsed.data.caseItemId) {
        const item = await db.selectFrom('case_items').select('id').where('id', '=', parsed.data.caseItemId).where('case_id', '=', row.id).executeTakeFirst();
        if (!item) throw notFound({ 'zh-CN': '售后商品', 'en-US': 'case item' }, 'caseItemId');
      }
      const stored = await deps.evidence.save(bytes);
      const attachment = await db.transaction().execute(async (trx) => {
        const locked = assertCanSeeCase(actor, await findCaseByNo(trx, request.params.caseNo, true));
        assertNotPurged(locked);
        assertAcceptsChanges(locked);
        const inserted = await trx
          .insertInto('attachments')
          .values({
            case_id: locked.id,
            case_item_id: parsed.data.caseItemId ?? null,
            purpose: parsed.data.purpose,
            supports: parsed.data.supports ?? locked.reason,
            uploaded_by: actor.userId,
            uploader_role: actor.role,
            file_name: labelOf(file.filename),
            content_type: stored.contentType,
            size_bytes: stored.sizeBytes,
            sha256: stored.sha256,
            storage_key: stored.storageKey,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const version = await recordCaseEvents(
          deps,
          trx,
          locked,
          actor,
          [{ type: 'attachment_added', fromState: locked.state, toState: locked.state, data: { attachmentId: inserted.id, sha256: stored.sha256 } }],
          now,
        );
        await deps.jobs.send(trx, 'case-event', { caseId: locked.id, seq: version, type: 'attachment_added' });
        return inserted;
      });
      reply.status(201);
      return {
        id: attachment.id,
        caseNo: row.case_no,
        purpose: attachment.purpose,
        supports: attachment.supports,
        caseItemId: attachment.case_item_id,
        fileName: attachment.file_name,
        contentType: attachment.content_type,
        sizeBytes: attachment.size_bytes,
        sha256: attachment.sha256,
        uploaderRole: attachment.uploader_role,
        createdAt: attachment.created_at.toISOString(),
      };
    },
  );

  app.get(
    '/api/v1/cases/:caseNo/attachments/:attachmentId',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['cases'], summary: 'Download an attachment', params: caseNoParams.extend({ attachmentId: z.string().uuid() }) },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { db } = deps.database;
      // Whoever may read the case may read its files (a department while it is asked for help).
      const row = await assertCanReadCase(db, actor, await findCaseByNo(db, request.params.caseNo));
      const attachment = await db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', request.params.attachmentId)
        .where('case_id', '=', row.id)
        .executeTakeFirst();
      if (!attachment) throw notFound({ 'zh-CN': '附件', 'en-US': 'attachment' }, 'attachmentId');
      const bytes = await deps.evidence.read(attachment.storage_key);
      return reply
        .header('content-type', attachment.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(downloadName(attachment.file_name))}`)
        .send(bytes);
    },
  );
}
