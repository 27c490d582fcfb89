// Draws the app's icons (the web app manifest's, public/icons/) as PNG with no image library: a dark
// blue square (the theme colour) holding a yellow land parcel with a darker neighbour and a white
// boundary, all inside the central 80 % so the same picture serves as a maskable icon. Run once
// (`node scripts/make-icons.mjs`); the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BACKGROUND = [0x0d, 0x3b, 0x66];
const PARCEL = [0xf4, 0xd3, 0x5e];
const NEIGHBOUR = [0x5f, 0xa8, 0xd3];
const EDGE = [0xff, 0xff, 0xff];

// Shapes in a unit square, drawn in order.
const NEIGHBOUR_SHAPE = [
  [0.2, 0.62],
  [0.46, 0.52],
  [0.56, 0.8],
  [0.26, 0.8],
];
const PARCEL_SHAPE = [
  [0.3, 0.24],
  [0.76, 0.2],
  [0.8, 0.66],
  [0.5, 0.74],
  [0.4, 0.48],
];

function inside(x, y, ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function distanceToEdges(x, y, ring) {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j];
    const [bx, by] = ring[i];
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
  }
  return best;
}

function colourAt(x, y) {
  if (distanceToEdges(x, y, PARCEL_SHAPE) < 0.018) return EDGE;
  if (inside(x, y, PARCEL_SHAPE)) return PARCEL;
  if (distanceToEdges(x, y, NEIGHBOUR_SHAPE) < 0.014) return EDGE;
  if (inside(x, y, NEIGHBOUR_SHAPE)) return NEIGHBOUR;
  return BACKGROUND;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const samples = 3; // 3×3 supersampling for smooth edges
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
        }
      }
      for (let c = 0; c < 3; c++) row[1 + px * 3 + c] = Math.round(sum[c] / (samples * samples));
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512])
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size));
writeFileSync(new URL('../public/icons/apple-touch-icon.png', import.meta.url), png(180));
