// Evidence files live under the data directory, named by a random id (never by the uploader's
// file name), with their SHA-256 digest and their type detected from the bytes.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../shared/errors.ts';

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

export interface StoredFile {
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface EvidenceStore {
  save(bytes: Buffer): Promise<StoredFile>;
  read(storageKey: string): Promise<Buffer>;
}

export function createEvidenceStore(root: string, maxBytes: number): EvidenceStore {
  return {
    async save(bytes) {
      if (bytes.length === 0) {
        throw new AppError({ status: 422, type: 'empty-file', field: 'file', text: { 'zh-CN': '文件为空', 'en-US': 'The file is empty' } });
      }
      if (bytes.length > maxBytes) {
        const mb = Math.floor(maxBytes / 1024 / 1024);
        throw new AppError({
          status: 413,
          type: 'file-too-large',
          field: 'file',
          text: { 'zh-CN': `文件超过 ${mb} MB 的上限`, 'en-US': `The file is larger than the ${mb} MB limit` },
        });
      }
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
      const storageKey = randomUUID();
      const dir = join(root, storageKey.slice(0, 2));
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, storageKey), bytes, { flag: 'wx' });
      return { storageKey, contentType, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    async read(storageKey) {
      if (!/^[0-9a-f-]{36}$/.test(storageKey)) throw new Error('bad storage key');
      return readFile(join(root, storageKey.slice(0, 2), storageKey));
    },
  };
}
