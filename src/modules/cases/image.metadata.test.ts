// Metadata removal from evidence photos: what goes, what stays, and files it refuses to guess about.
import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { PNG_1x1 } from '../../../test/helpers/files.ts';
import { CAMERA_MAKE, COMMENT, JPEG_16x8, jpegSegments, jpegWithGps, pngChunkTypes, pngWithText, XMP_MARKER } from '../../../test/helpers/images.ts';
import { stripImageMetadata } from './image.metadata.ts';

const scanOf = (jpeg: Buffer) => jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])));

describe('stripImageMetadata', () => {
  it('removes EXIF with GPS, XMP and comments from a JPEG, keeping the pixels, the colour profile and the orientation', async () => {
    const withGps = jpegWithGps(JPEG_16x8, 6);
    expect(withGps.includes(Buffer.from(CAMERA_MAKE))).toBe(true);
    const clean = stripImageMetadata(withGps, 'image/jpeg')!;
    expect((await fileTypeFromBuffer(clean))?.mime).toBe('image/jpeg');
    for (const text of [CAMERA_MAKE, XMP_MARKER, COMMENT, 'http://ns.adobe.com/xap']) expect(clean.includes(Buffer.from(text, 'latin1'))).toBe(false);
    const markers = jpegSegments(clean).map((s) => s.marker);
    expect(markers.filter((m) => m === 0xfe)).toEqual([]);
    // One APP1 left: a minimal EXIF holding the orientation only (so the photo still shows upright).
    const app1 = jpegSegments(clean).filter((s) => s.marker === 0xe1);
    expect(app1).toHaveLength(1);
    expect(app1[0]!.payload.length).toBe(6 + 26);
    expect(app1[0]!.payload.readUInt16BE(6 + 18)).toBe(6);
    expect(app1[0]!.payload.includes(Buffer.from([0x88, 0x25]))).toBe(false); // no GPS IFD pointer
    // JFIF first, ICC profile kept, scan data byte for byte.
    expect(markers[0]).toBe(0xe0);
    expect(jpegSegments(clean).some((s) => s.marker === 0xe2 && s.payload.subarray(0, 11).toString('latin1') === 'ICC_PROFILE')).toBe(true);
    expect(scanOf(clean).equals(scanOf(JPEG_16x8))).toBe(true);
  });

  it('adds no EXIF at all for an upright photo, and leaves a clean JPEG as it was', () => {
    const clean = stripImageMetadata(jpegWithGps(JPEG_16x8, 1), 'image/jpeg')!;
    expect(clean.equals(JPEG_16x8)).toBe(true);
    expect(stripImageMetadata(JPEG_16x8, 'image/jpeg')!.equals(JPEG_16x8)).toBe(true);
  });

  it('drops whatever is appended after the end of the image', () => {
    const appended = Buffer.concat([JPEG_16x8, Buffer.from('GPS 31.23N 121.47E')]);
    expect(stripImageMetadata(appended, 'image/jpeg')!.equals(JPEG_16x8)).toBe(true);
  });

  it('refuses a JPEG whose structure breaks off', () => {
    expect(stripImageMetadata(JPEG_16x8.subarray(0, 300), 'image/jpeg')).toBeNull();
    expect(stripImageMetadata(JPEG_16x8.subarray(0, JPEG_16x8.length - 2), 'image/jpeg')).toBeNull();
    expect(stripImageMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]), 'image/jpeg')).toBeNull();
  });

  it('removes text and EXIF chunks from a PNG and keeps the image chunks', async () => {
    const tagged = pngWithText(PNG_1x1);
    expect(pngChunkTypes(tagged)).toEqual(['IHDR', 'tEXt', 'iTXt', 'eXIf', 'IDAT', 'IEND']);
    const clean = stripImageMetadata(tagged, 'image/png')!;
    expect(pngChunkTypes(clean)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(clean.equals(PNG_1x1)).toBe(true);
    expect((await fileTypeFromBuffer(clean))?.mime).toBe('image/png');
    expect(stripImageMetadata(tagged.subarray(0, 40), 'image/png')).toBeNull();
  });

  it('removes EXIF and XMP chunks from a WebP and clears their flags', () => {
    const chunk = (fourcc: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.write(fourcc, 0, 'latin1');
      head.writeUInt32LE(data.length, 4);
      return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
    };
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x0c; // EXIF and XMP present
    const body = Buffer.concat([chunk('VP8X', vp8x), chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])), chunk('EXIF', Buffer.from('GPS data')), chunk('XMP ', Buffer.from('<x:xmpmeta/>'))]);
    const riff = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP'), body]);
    riff.writeUInt32LE(riff.length - 8, 4);
    const clean = stripImageMetadata(riff, 'image/webp')!;
    expect(clean.includes(Buffer.from('GPS data'))).toBe(false);
    expect(clean.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect(clean.readUInt32LE(4)).toBe(clean.length - 8);
    expect(clean[20]! & 0x0c).toBe(0);
    expect(clean.includes(Buffer.from('VP8L'))).toBe(true);
  });

  it('leaves other types as they are', () => {
    const pdf = Buffer.from('%PDF-1.4 …');
    expect(stripImageMetadata(pdf, 'application/pdf')).toBe(pdf);
  });
});
