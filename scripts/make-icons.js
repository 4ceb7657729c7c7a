#!/usr/bin/env node
/* Writes the add-in's ribbon icons (assets/icon-*.png): a red square with a white check mark.
 * Generated rather than drawn so the repo carries no binary made by hand; run once, output committed. */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const onCheck = (x, y) => {
    const u = x / size,
      v = y / size,
      t = 0.09;
    const d1 = Math.abs(v - (0.55 + (u - 0.22))) < t && u > 0.2 && u < 0.42;
    const d2 = Math.abs(v - (0.77 - (u - 0.42) * 1.15)) < t && u >= 0.4 && u < 0.8;
    return d1 || d2;
  };
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const white = onCheck(x + 0.5, y + 0.5);
      raw[o] = white ? 255 : 0xc0;
      raw[o + 1] = white ? 255 : 0x1f;
      raw[o + 2] = white ? 255 : 0x2f;
      raw[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const dir = path.resolve(__dirname, '..', 'assets');
fs.mkdirSync(dir, { recursive: true });
for (const s of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(dir, `icon-${s}.png`), png(s));
console.log('assets/icon-{16,32,64,80,128}.png');
