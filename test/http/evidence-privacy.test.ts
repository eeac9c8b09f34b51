// Evidence uploads and privacy: photo metadata (EXIF GPS, XMP, comments, PNG text) is removed
// before storing, and the uploader's file name is only ever a label — never a path.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../helpers/files.ts';
import { CAMERA_MAKE, COMMENT, JPEG_16x8, jpegSegments, jpegWithGps, pngChunkTypes, pngWithText, XMP_MARKER } from '../helpers/images.ts';
import { makeShop, type Shop, startTestApp, type TestApp } from '../helpers/harness.ts';

let t: TestApp;
let shop: Shop;
let caseNo: string;
beforeAll(async () => {
  t = await startTestApp('2026-11-10T10:00:00+08:00');
  shop = await makeShop(t);
  const created = await shop.customer.post('/api/v1/cases', {
    kind: 'return_refund',
    reason: 'quality',
    items: [{ orderItemId: shop.orderItemId, quantity: 1 }],
    description: '外壳有裂纹',
  });
  caseNo = created.body.caseNo;
});
afterAll(async () => {
  await t.close();
});

async function download(id: string) {
  const res = await t.runtime.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${caseNo}/attachments/${id}`,
    headers: { authorization: `Bearer ${shop.agent.token}` },
  });
  expect(res.statusCode).toBe(200);
  return res;
}

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => relative(dir, path));
}

/** The GPS IFD pointer tag (0x8825) in either byte order. */
const GPS_TAG = [Buffer.from([0x25, 0x88]), Buffer.from([0x88, 0x25])];

describe('evidence metadata', () => {
  it('stores a phone photo without its EXIF GPS position, camera, XMP or comment, still a JPEG', async () => {
    const photo = jpegWithGps(JPEG_16x8, 6);
    expect(GPS_TAG.some((tag) => photo.includes(tag))).toBe(true);
    const res = await shop.customer.upload(caseNo, { purpose: 'evidence' }, { name: 'IMG_0042.jpg', bytes: photo, type: 'image/jpeg' });
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('image/jpeg');
    expect(res.body.sizeBytes).toBeLessThan(photo.length);

    const stored = (await download(res.body.id)).rawPayload;
    expect(stored.length).toBe(res.body.sizeBytes);
    expect(res.body.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    expect((await fileTypeFromBuffer(stored))?.mime).toBe('image/jpeg');
    expect(GPS_TAG.some((tag) => stored.includes(tag))).toBe(false);
    for (const text of [CAMERA_MAKE, XMP_MARKER, COMMENT]) expect(stored.includes(Buffer.from(text, 'latin1'))).toBe(false);
    // What is left: JFIF, the orientation-only EXIF, the colour profile, tables, frame and scan.
    const segments = jpegSegments(stored);
    expect(segments.filter((s) => s.marker === 0xe1).map((s) => s.payload.length)).toEqual([32]);
    expect(segments.some((s) => s.marker === 0xc0 || s.marker === 0xc2)).toBe(true);
    expect(stored.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
    // The bytes on disk are the same as the download.
    const row = await t.runtime.deps.database.db.selectFrom('attachments').select('storage_key').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(stored.equals(await t.runtime.deps.evidence.read(row.storage_key))).toBe(true);
  });

  it('stores a PNG without its text and EXIF chunks', async () => {
    const res = await shop.customer.upload(caseNo, {}, { name: 'screenshot.png', bytes: pngWithText(PNG_1x1), type: 'image/png' });
    expect(res.status).toBe(201);
    const stored = (await download(res.body.id)).rawPayload;
    expect(pngChunkTypes(stored)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect((await fileTypeFromBuffer(stored))?.mime).toBe('image/png');
  });

  it('refuses a damaged photo whose metadata cannot be removed, and stores nothing', async () => {
    const before = filesUnder(join(t.runtime.deps.config.dataDir, 'evidence')).length;
    const cut = jpegWithGps(JPEG_16x8).subarray(0, 400);
    const res = await shop.customer.upload(caseNo, {}, { name: 'cut.jpg', bytes: cut, type: 'image/jpeg' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/unreadable-image', field: 'file' });
    expect(filesUnder(join(t.runtime.deps.config.dataDir, 'evidence'))).toHaveLength(before);
  });
});

describe('evidence file names', () => {
  const HOSTILE = ['../../etc/passwd', '..\\..\\windows\\win.ini', '<script>alert(1)</script>.png', '/etc/shadow', "'; drop table attachments; --.png"];

  it('keeps each name as a label only: stored verbatim, the file under a generated key inside the evidence directory', async () => {
    const { dataDir } = t.runtime.deps.config;
    const before = new Set(filesUnder(dataDir));
    for (const name of HOSTILE) {
      const res = await shop.customer.upload(caseNo, {}, { name, bytes: PNG_1x1, type: 'image/png' });
      expect(res.status, name).toBe(201);
      expect(res.body.fileName).toBe(name);
      const row = await t.runtime.deps.database.db.selectFrom('attachments').select(['storage_key', 'file_name']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
      expect(row.file_name).toBe(name);
      expect(row.storage_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    const added = filesUnder(dataDir).filter((path) => !before.has(path));
    expect(added).toHaveLength(HOSTILE.length);
    for (const path of added) expect(path).toMatch(/^evidence\/[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect(existsSync(join(dataDir, '..', 'etc', 'passwd'))).toBe(false);
    expect(existsSync(join(dataDir, 'evidence', '..', '..', 'etc', 'passwd'))).toBe(false);
    const detail = await shop.agent.get(`/api/v1/cases/${caseNo}`);
    expect(detail.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(expect.arrayContaining(HOSTILE));
  });

  it('downloads under the name without any directory part', async () => {
    const res = await shop.customer.upload(caseNo, {}, { name: '../../etc/passwd', bytes: PNG_1x1, type: 'image/png' });
    const file = await download(res.body.id);
    expect(file.headers['content-disposition']).toBe("attachment; filename*=UTF-8''passwd");
    const script = await shop.customer.upload(caseNo, {}, { name: '<script>alert(1)</script>.png', bytes: PNG_1x1, type: 'image/png' });
    expect((await download(script.body.id)).headers['content-disposition']).toBe("attachment; filename*=UTF-8''script%3E.png");
  });
});
