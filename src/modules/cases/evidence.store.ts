// Evidence files live under the data directory, named by a random id (never by the uploader's
// file name), with their type detected from the bytes, image metadata (EXIF, GPS, XMP, text
// chunks) removed, and the SHA-256 digest of what is stored.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../shared/errors.ts';
import { stripImageMetadata } from './image.metadata.ts';

export const ALLOWED_EVIDENCE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'application/pdf',
] as const;

const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface StoredFile {
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface EvidenceStore {
  save(bytes: Buffer): Promise<StoredFile>;
  read(storageKey: string): Promise<Buffer>;
  /** Deletes a stored file (CL-6 purge); a file already gone is fine. */
  remove(storageKey: string): Promise<void>;
}

/** 413 file-too-large naming the limit: from the store, and from the upload stream hitting it first. */
export function fileTooLarge(maxBytes: number): AppError {
  const mb = Math.floor(maxBytes / 1024 / 1024);
  return new AppError({
    status: 413,
    type: 'file-too-large',
    field: 'file',
    text: { 'zh-CN': `文件超过 ${mb} MB 的上限`, 'en-US': `The file is larger than the ${mb} MB limit` },
  });
}

export function createEvidenceStore(root: string, maxBytes: number): EvidenceStore {
  /** Only a generated key ever becomes a path: never anything a caller sent. */
  const pathOf = (storageKey: string): string => {
    if (!STORAGE_KEY.test(storageKey)) throw new Error('bad storage key');
    return join(root, storageKey.slice(0, 2), storageKey);
  };
  return {
    async save(bytes) {
      if (bytes.length === 0) {
        throw new AppError({ status: 422, type: 'empty-file', field: 'file', text: { 'zh-CN': '文件为空', 'en-US': 'The file is empty' } });
      }
      if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
      const detected = await fileTypeFromBuffer(bytes);
      const contentType = detected?.mime;
      if (!contentType || !(ALLOWED_EVIDENCE_TYPES as readonly string[]).includes(contentType)) {
        throw new AppError({
          status: 415,
          type: 'unsupported-file-type',
          field: 'file',
          text: {
            'zh-CN': '仅支持图片（JPG/PNG/WebP/GIF/HEIC）、视频（MP4/MOV/WebM）和 PDF 文件',
            'en-US': 'Only images (JPG/PNG/WebP/GIF/HEIC), videos (MP4/MOV/WebM) and PDF files are accepted',
          },
          extra: { detectedType: contentType ?? null },
        });
      }
      // Location, device and dates in photo metadata are not evidence of the claim: removed before storing.
      const clean = stripImageMetadata(bytes, contentType);
      if (!clean) {
        throw new AppError({
          status: 422,
          type: 'unreadable-image',
          field: 'file',
          text: { 'zh-CN': '图片文件已损坏或不完整，请重新上传', 'en-US': 'The image is damaged or incomplete; please upload it again' },
          extra: { detectedType: contentType },
        });
      }
      const storageKey = randomUUID();
      await mkdir(dirname(pathOf(storageKey)), { recursive: true });
      await writeFile(pathOf(storageKey), clean, { flag: 'wx' });
      return { storageKey, contentType, sizeBytes: clean.length, sha256: createHash('sha256').update(clean).digest('hex') };
    },
    async read(storageKey) {
      return readFile(pathOf(storageKey));
    },
    async remove(storageKey) {
      await rm(pathOf(storageKey), { force: true });
    },
  };
}
