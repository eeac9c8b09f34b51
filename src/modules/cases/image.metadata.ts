// Evidence photos lose their metadata before they are stored: camera EXIF (with GPS position,
// device serials, dates), XMP, IPTC, comments and text chunks say more about the customer than
// the case needs. Pure TypeScript over the container formats, pixels untouched:
//   JPEG  drops APP1 (EXIF, XMP), APP2 other than the ICC colour profile, APP3–APP13, APP15, COM
//         and anything after the end of the image; a rotated photo keeps its EXIF Orientation
//         in a new minimal EXIF block so it still displays upright.
//   PNG   drops tEXt, zTXt, iTXt, eXIf, tIME and unknown ancillary chunks; keeps colour chunks.
//   WebP  drops the EXIF and XMP chunks and clears their flags.
// Returns null when the file's structure cannot be followed (the caller refuses it rather than
// store metadata it could not remove); other types are returned unchanged.

const JPEG_KEEP_APP0 = Buffer.from('JFIF\0', 'latin1');
const ICC_PROFILE = Buffer.from('ICC_PROFILE\0', 'latin1');
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

export function stripImageMetadata(bytes: Buffer, contentType: string): Buffer | null {
  switch (contentType) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

// ---- JPEG ----

/** Markers without a length: TEM and the restart markers. */
const standalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

function keepJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === 0xe0) return payload.subarray(0, JPEG_KEEP_APP0.length).equals(JPEG_KEEP_APP0); // JFIF, not a JFXX thumbnail
  if (marker === 0xe2) return payload.subarray(0, ICC_PROFILE.length).equals(ICC_PROFILE); // colour profile
  if (marker === 0xee) return true; // Adobe: colour transform, needed to decode
  if (marker >= 0xe1 && marker <= 0xef) return false; // other APPn: EXIF, XMP, IPTC, maker data
  return marker !== 0xfe; // COM
}

function stripJpeg(bytes: Buffer): Buffer | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let orientation: number | null = null;
  let pos = 2;
  for (;;) {
    if (pos >= bytes.length || bytes[pos] !== 0xff) return null;
    while (bytes[pos] === 0xff) pos += 1; // fill bytes
    if (pos >= bytes.length) return null;
    const marker = bytes[pos]!;
    const start = pos - 1;
    pos += 1;
    if (marker === 0xd9) {
      out.push(Buffer.from([0xff, 0xd9]));
      break; // end of image: anything appended after it is dropped too
    }
    if (standalone(marker)) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (pos + 2 > bytes.length) return null;
    const length = bytes.readUInt16BE(pos);
    const end = pos + length;
    if (length < 2 || end > bytes.length) return null;
    const payload = bytes.subarray(pos + 2, end);
    if (marker === 0xe1 && payload.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)) orientation ??= exifOrientation(payload.subarray(EXIF_HEADER.length));
    if (keepJpegSegment(marker, payload)) out.push(Buffer.concat([Buffer.from([0xff, marker]), bytes.subarray(pos, end)]));
    pos = end;
    if (marker === 0xda) {
      // Entropy-coded scan data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      const scanStart = pos;
      for (;;) {
        pos = bytes.indexOf(0xff, pos);
        if (pos < 0 || pos + 1 >= bytes.length) return null; // no end of image
        const next = bytes[pos + 1]!;
        if (next !== 0x00 && next !== 0xff && !standalone(next)) break;
        pos += 1;
      }
      out.push(bytes.subarray(scanStart, pos));
    }
  }
  if (orientation !== null && orientation !== 1) {
    // After a leading JFIF APP0 (which must come first), before everything else.
    const afterApp0 = out[1] && out[1][1] === 0xe0 ? 2 : 1;
    out.splice(afterApp0, 0, orientationOnlyExif(orientation));
  }
  return Buffer.concat(out);
}

/** The Orientation tag (0x0112) of IFD0 in a TIFF block, or null. */
function exifOrientation(tiff: Buffer): number | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment holding one EXIF entry: the orientation. */
function orientationOnlyExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-justified
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([EXIF_HEADER, tiff]);
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xffe1, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

// ---- PNG ----

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Ancillary chunks that matter for how the image looks (and APNG animation); the rest is metadata. */
const PNG_KEEP_ANCILLARY = new Set(['gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'hIST', 'tRNS', 'pHYs', 'sPLT', 'acTL', 'fcTL', 'fdAT', 'cICP', 'mDCV', 'cLLI']);

function stripPng(bytes: Buffer): Buffer | null {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  for (;;) {
    if (pos + 12 > bytes.length) return null; // no IEND
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return null;
    const critical = type.charCodeAt(0) < 0x61; // upper-case first letter
    if (critical || PNG_KEEP_ANCILLARY.has(type)) out.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
}

// ---- WebP ----

function stripWebp(bytes: Buffer): Buffer | null {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return null;
  const riffEnd = Math.min(bytes.length, 8 + bytes.readUInt32LE(4));
  const chunks: Buffer[] = [];
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const fourcc = bytes.toString('latin1', pos, pos + 4);
    const size = bytes.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (end > bytes.length + (size % 2)) return null;
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      const chunk = Buffer.from(bytes.subarray(pos, Math.min(end, bytes.length)));
      if (fourcc === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c; // clear the EXIF and XMP flags
      chunks.push(chunk);
    }
    pos = end;
  }
  if (chunks.length === 0) return null;
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
