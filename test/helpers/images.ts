// Real images with the metadata a phone camera writes (EXIF with GPS, XMP, comments, PNG text
// chunks), built byte by byte here, independently of the code under test.
import { crc32 } from 'node:zlib';

/** A real 16×8 JPEG (a red-to-blue gradient encoded by Chromium: JFIF APP0, ICC profile, baseline). */
export const JPEG_16x8 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAIABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAAMG/8QAFhABAQEAAAAAAAAAAAAAAAAAAAEC/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwT/xAAYEQACAwAAAAAAAAAAAAAAAAAAAgMFIf/aAAwDAQACEQMRAD8AzOIviArrI1we+mfT/9k=',
  'base64',
);

export const CAMERA_MAKE = 'AfterdeskTestCam';
export const XMP_MARKER = 'exif:GPSLatitude="31,13.8N"';
export const COMMENT = 'shot at home, Room 1201';

/** A little-endian TIFF block: IFD0 with Make, Orientation and a GPS IFD pointer; the GPS IFD with latitude and longitude. */
function exifTiff(orientation: number): Buffer {
  const make = Buffer.from(`${CAMERA_MAKE}\0`, 'latin1');
  // Layout: header(8) | IFD0: count(2) + 3 entries(36) + next(4) = 42 → ends at 50 | make string | GPS IFD | rationals
  const ifd0 = 8;
  const makeAt = ifd0 + 2 + 3 * 12 + 4;
  const gpsAt = makeAt + make.length + (make.length % 2);
  const gpsEntries = 5; // version, lat ref, lat, lon ref, lon
  const rationalsAt = gpsAt + 2 + gpsEntries * 12 + 4;
  const tiff = Buffer.alloc(rationalsAt + 6 * 8);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: (b: Buffer, at: number) => void) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    value(tiff, at + 8);
  };
  tiff.writeUInt16LE(3, ifd0);
  entry(ifd0 + 2, 0x010f, 2, make.length, (b, at) => b.writeUInt32LE(makeAt, at)); // Make (ASCII)
  entry(ifd0 + 14, 0x0112, 3, 1, (b, at) => b.writeUInt16LE(orientation, at)); // Orientation
  entry(ifd0 + 26, 0x8825, 4, 1, (b, at) => b.writeUInt32LE(gpsAt, at)); // GPS IFD pointer
  tiff.writeUInt32LE(0, ifd0 + 38);
  make.copy(tiff, makeAt);
  tiff.writeUInt16LE(gpsEntries, gpsAt);
  const g = gpsAt + 2;
  entry(g, 0x0000, 1, 4, (b, at) => b.set([2, 3, 0, 0], at)); // GPSVersionID
  entry(g + 12, 0x0001, 2, 2, (b, at) => b.write('N\0', at, 'latin1')); // GPSLatitudeRef
  entry(g + 24, 0x0002, 5, 3, (b, at) => b.writeUInt32LE(rationalsAt, at)); // GPSLatitude
  entry(g + 36, 0x0003, 2, 2, (b, at) => b.write('E\0', at, 'latin1')); // GPSLongitudeRef
  entry(g + 48, 0x0004, 5, 3, (b, at) => b.writeUInt32LE(rationalsAt + 24, at)); // GPSLongitude
  tiff.writeUInt32LE(0, g + 60);
  // 31°13'48.123" N, 121°28'12.456" E (Shanghai), as degree/minute/second rationals.
  const rationals = [31, 1, 13, 1, 48123, 1000, 121, 1, 28, 1, 12456, 1000];
  rationals.forEach((n, i) => tiff.writeUInt32LE(n, rationalsAt + i * 4));
  return tiff;
}

function segment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** The JPEG with an EXIF block (camera make, orientation, GPS position), an XMP packet and a comment, as a phone writes them. */
export function jpegWithGps(jpeg: Buffer = JPEG_16x8, orientation = 6): Buffer {
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(orientation)]));
  const xmp = segment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description ${XMP_MARKER}/></x:xmpmeta>`, 'latin1'));
  const comment = segment(0xfe, Buffer.from(COMMENT, 'latin1'));
  const app0End = 4 + jpeg.readUInt16BE(4); // SOI (2) + APP0 marker (2) + its length
  return Buffer.concat([jpeg.subarray(0, app0End), exif, xmp, comment, jpeg.subarray(app0End)]);
}

/** Markers (and APPn payload prefixes) of a JPEG up to its first scan. */
export function jpegSegments(jpeg: Buffer): { marker: number; payload: Buffer }[] {
  const out: { marker: number; payload: Buffer }[] = [];
  let pos = 2;
  while (pos + 4 <= jpeg.length && jpeg[pos] === 0xff) {
    const marker = jpeg[pos + 1]!;
    const length = jpeg.readUInt16BE(pos + 2);
    out.push({ marker, payload: jpeg.subarray(pos + 4, pos + 2 + length) });
    if (marker === 0xda) break;
    pos += 2 + length;
  }
  return out;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/** The PNG with tEXt (location), iTXt (author) and eXIf chunks inserted after IHDR. */
export function pngWithText(png: Buffer): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([
    png.subarray(0, ihdrEnd),
    pngChunk('tEXt', Buffer.from('Location\0Room 1201, Shanghai', 'latin1')),
    pngChunk('iTXt', Buffer.from('Author\0\0\0\0\0张三', 'utf8')),
    pngChunk('eXIf', exifTiff(1)),
    png.subarray(ihdrEnd),
  ]);
}

/** Chunk types of a PNG, in order. */
export function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  let pos = 8;
  while (pos + 12 <= png.length) {
    const length = png.readUInt32BE(pos);
    types.push(png.toString('latin1', pos + 4, pos + 8));
    pos += 12 + length;
  }
  return types;
}
