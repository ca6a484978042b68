// Draws the add-in's icons (icon-16/32/64/80.png, referenced by manifest.xml): a blue tile with a
// white coverage grid and a green tick. No image library: a PNG is a few zlib-compressed chunks.
//   node assets/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const BLUE = [16, 110, 190, 255];
const WHITE = [255, 255, 255, 255];
const GREEN = [16, 124, 16, 255];
const CLEAR = [0, 0, 0, 0];

function icon(size) {
  const r = size * 0.18; // corner radius
  const m = size * 0.2; // grid margin
  const line = Math.max(1, Math.round(size / 16));
  return png(size, (x, y) => {
    const cx = x + 0.5;
    const cy = y + 0.5;
    // Rounded tile.
    const dx = Math.max(r - cx, cx - (size - r), 0);
    const dy = Math.max(r - cy, cy - (size - r), 0);
    if (dx * dx + dy * dy > r * r) return CLEAR;
    // Tick across the lower right: two strokes.
    const t = size / 10;
    const onStroke = (x1, y1, x2, y2) => {
      const vx = x2 - x1;
      const vy = y2 - y1;
      const u = Math.max(0, Math.min(1, ((cx - x1) * vx + (cy - y1) * vy) / (vx * vx + vy * vy)));
      const px = x1 + u * vx - cx;
      const py = y1 + u * vy - cy;
      return px * px + py * py <= t * t * 0.6;
    };
    if (onStroke(size * 0.48, size * 0.68, size * 0.6, size * 0.8) || onStroke(size * 0.6, size * 0.8, size * 0.86, size * 0.46)) return GREEN;
    // A 3 x 3 grid of white lines.
    if (cx >= m && cx <= size - m && cy >= m && cy <= size - m) {
      const step = (size - 2 * m) / 3;
      const nearLine = (v) => {
        const k = (v - m) / step;
        return Math.abs(k - Math.round(k)) * step < line / 2 + 0.01;
      };
      if (nearLine(cx) || nearLine(cy)) return WHITE;
    }
    return BLUE;
  });
}

for (const size of [16, 32, 64, 80]) writeFileSync(new URL(`./icon-${size}.png`, import.meta.url), icon(size));
console.log('Wrote assets/icon-16.png, icon-32.png, icon-64.png, icon-80.png');
