/*
 * A tiny zip reader and writer for tests that make damaged and hostile workbooks on the spot (no
 * checked-in binaries). The writer can lie in its directory (sizes, checksums) as hostile files do.
 */
import * as zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  data: Buffer | string;
  /** Stored instead of deflated. */
  store?: boolean;
  /** Already deflated bytes (raw deflate) to store as the part's data; `size` and `crc` must be given. */
  deflated?: Buffer;
  /** What the directory claims, where it should lie. */
  size?: number;
  crc?: number;
}

/** The parts of a zip, read through its central directory. */
export function readZip(bytes: Buffer): { name: string; data: Buffer }[] {
  let eocd = bytes.length - 22;
  while (eocd >= 0 && bytes.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const parts: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const packed = bytes.readUInt32LE(at + 20);
    const nameLen = bytes.readUInt16LE(at + 28);
    const extraLen = bytes.readUInt16LE(at + 30);
    const commentLen = bytes.readUInt16LE(at + 32);
    const offset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLen);
    const start = offset + 30 + bytes.readUInt16LE(offset + 26) + bytes.readUInt16LE(offset + 28);
    const raw = bytes.subarray(start, start + packed);
    parts.push({ name, data: method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** A zip of the parts, in order (no data descriptors). */
export function writeZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const packed = p.deflated ?? (p.store ? data : zlib.deflateRawSync(data));
    const method = p.store && !p.deflated ? 0 : 8;
    const size = p.size ?? data.length;
    const crc = p.crc ?? zlib.crc32(data);
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(method, 10);
    cen.writeUInt32LE(crc >>> 0, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A workbook with one part replaced (or added), everything else as it was. */
export function replacePart(workbook: Buffer, name: string, part: Omit<ZipPart, 'name'>): Buffer {
  const parts: ZipPart[] = readZip(workbook).map((p) => (p.name === name ? { name, ...part } : p));
  if (!parts.some((p) => p.name === name)) parts.push({ name, ...part });
  return writeZip(parts);
}

/**
 * Raw deflate data for `megabytes` MB of one repeated byte, made without holding it: a 1 MB block
 * deflated once (ending on a full flush, so it stands alone) and repeated, then a final empty block.
 * A zip bomb's trick: about 1,000 times smaller than what it unpacks to.
 */
export function deflatedRepeat(megabytes: number, byte = 0x20): { deflated: Buffer; size: number; crc: number } {
  const block = Buffer.alloc(1024 * 1024, byte);
  const deflater = zlib.deflateRawSync(block, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = zlib.crc32(block, crc);
  // A final stored block of length 0: BFINAL=1, BTYPE=00, then LEN=0000, NLEN=FFFF.
  const last = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
  return { deflated: Buffer.concat([...Array.from({ length: megabytes }, () => deflater), last]), size: megabytes * 1024 * 1024, crc };
}
