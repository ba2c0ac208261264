// Draws the two Teams app icons for PartnerBot and writes them as PNG files.
//
//   node make-icons.mjs [output-folder]      (default: the folder of this script)
//
//   color.png    192x192, opaque: a white speech bubble carrying a medical cross, on the accent colour.
//   outline.png   32x32, white on fully transparent: the same bubble as a 2 px outline with a solid tail,
//                 and a solid cross.
//
// Only Node's standard library is used (zlib for the image data). The output is deterministic, so running
// the script again without changes produces byte-identical files.

import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ACCENT = [0x0b, 0x72, 0x85]; // #0B7285, the manifest's accentColor
const ACCENT_DARK = [0x08, 0x57, 0x66]; // the lower-right end of the colour icon's background gradient
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------------------------------------------
// The glyph, in design units: the outline icon's own pixel grid (32 x 32). Edges that matter sit on whole
// pixels, so the 32 px outline stays crisp; the colour icon scales the same shapes up.
// ---------------------------------------------------------------------------------------------------

const BUBBLE = { left: 2, top: 3, right: 30, bottom: 23, radius: 5 };
// The tail leaves the bubble's bottom edge between these x positions and points down-left to the tip.
const TAIL = { baseRight: 15, baseLeft: 8, tipX: 6, tipY: 29.5 };
// The cross: a vertical and a horizontal bar centred in the bubble.
const CROSS = { cx: 16, cy: 13, arm: 5, halfWidth: 2 };
const OUTLINE_STROKE = 2;

function insideRoundedRect(x, y, { left, top, right, bottom, radius }) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const dx = Math.max(left + radius - x, 0, x - (right - radius));
  const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
  return dx * dx + dy * dy <= radius * radius;
}

/** The tail: a triangle whose two sides meet the bubble's bottom edge at baseLeft and baseRight. */
function insideTail(x, y) {
  const { baseLeft, baseRight, tipX, tipY } = TAIL;
  // Extend the sides one unit up into the bubble, so the tail joins it without a seam.
  const top = BUBBLE.bottom - 1;
  const k = (top - tipY) / (BUBBLE.bottom - tipY);
  const a = [tipX + (baseLeft - tipX) * k, top];
  const b = [tipX + (baseRight - tipX) * k, top];
  const c = [tipX, tipY];
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b), s2 = side(b, c), s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

const insideBubble = (x, y) => insideRoundedRect(x, y, BUBBLE) || insideTail(x, y);

/** The bubble's inside once a stroke of the given width is taken off its rounded body (the tail stays solid). */
function insideBubbleHollow(x, y, stroke) {
  const { left, top, right, bottom, radius } = BUBBLE;
  const inner = { left: left + stroke, top: top + stroke, right: right - stroke, bottom: bottom - stroke, radius: radius - stroke };
  return insideRoundedRect(x, y, inner);
}

function insideCross(x, y) {
  const { cx, cy, arm, halfWidth } = CROSS;
  const vertical = Math.abs(x - cx) <= halfWidth && Math.abs(y - cy) <= arm;
  const horizontal = Math.abs(y - cy) <= halfWidth && Math.abs(x - cx) <= arm;
  return vertical || horizontal;
}

// ---------------------------------------------------------------------------------------------------
// Rendering: every pixel is sampled on an n x n grid and the shapes' coverage blends the colours.
// ---------------------------------------------------------------------------------------------------

const SAMPLES = 8;

/**
 * Renders a size x size image. `toDesign` maps a pixel-space point to design units; `shade(x, y, u, v)`
 * returns the colour [r, g, b, a] (0..255, straight alpha) at design point (x, y) of the pixel at (u, v),
 * its position across the image from 0 to 1. Returns RGBA bytes.
 */
function render(size, toDesign, shade) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [x, y] = toDesign(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          const [cr, cg, cb, ca] = shade(x, y, px / (size - 1), py / (size - 1));
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const o = (py * size + px) * 4;
      const n = SAMPLES * SAMPLES;
      rgba[o + 3] = Math.round(a / n);
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
    }
  }
  return rgba;
}

function colorIcon() {
  const size = 192;
  // The glyph spans about 28 x 26.5 design units; at 3.6 px per unit it fills the middle ~100 px of the
  // icon, leaving the generous margin Teams asks for around the symbol.
  const scale = 3.6;
  const centreX = (BUBBLE.left + BUBBLE.right) / 2;
  const centreY = (BUBBLE.top + TAIL.tipY) / 2;
  const toDesign = (x, y) => [(x - size / 2) / scale + centreX, (y - size / 2) / scale + centreY];
  const rgba = render(size, toDesign, (x, y, u, v) => {
    if (insideBubble(x, y)) return insideCross(x, y) ? [...ACCENT, 255] : [...WHITE, 255];
    const t = (u + v) / 2; // diagonal gradient, top-left to bottom-right
    return [0, 1, 2].map(i => ACCENT[i] + (ACCENT_DARK[i] - ACCENT[i]) * t).concat(255);
  });
  // Opaque everywhere: store as RGB.
  const rgb = new Uint8Array(size * size * 3);
  for (let i = 0; i < size * size; i++) rgb.set(rgba.subarray(i * 4, i * 4 + 3), i * 3);
  return encodePng(size, size, 2, rgb);
}

function outlineIcon() {
  const size = 32;
  const rgba = render(size, (x, y) => [x, y], (x, y) => {
    const stroke = insideBubble(x, y) && !insideBubbleHollow(x, y, OUTLINE_STROKE);
    return stroke || insideCross(x, y) ? [...WHITE, 255] : [...WHITE, 0];
  });
  // Teams accepts only white and transparency here: every pixel is white, only its alpha varies.
  for (let i = 0; i < rgba.length; i += 4) rgba.set(WHITE, i);
  return encodePng(size, size, 6, rgba);
}

// ---------------------------------------------------------------------------------------------------
// PNG encoding (8 bits per channel, no interlacing), choosing a filter per scanline.
// ---------------------------------------------------------------------------------------------------

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
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters each scanline with the type (0-4) that gives the smallest sum of absolute signed bytes. */
function filterScanlines(width, height, bytesPerPixel, pixels) {
  const stride = width * bytesPerPixel;
  const out = new Uint8Array(height * (stride + 1));
  const zero = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const line = pixels.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : zero;
    let best = null, bestScore = Infinity, bestType = 0;
    for (let type = 0; type <= 4; type++) {
      const filtered = new Uint8Array(stride);
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const left = i >= bytesPerPixel ? line[i - bytesPerPixel] : 0;
        const up = above[i];
        const upLeft = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
        const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type];
        filtered[i] = (line[i] - predictor) & 0xff;
        score += filtered[i] < 128 ? filtered[i] : 256 - filtered[i];
      }
      if (score < bestScore) { best = filtered; bestScore = score; bestType = type; }
    }
    out[y * (stride + 1)] = bestType;
    out.set(best, y * (stride + 1) + 1);
  }
  return out;
}

function encodePng(width, height, colorType, pixels) {
  const bytesPerPixel = { 2: 3, 6: 4 }[colorType];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = colorType;
  // compression, filter method and interlace stay 0
  const data = deflateSync(filterScanlines(width, height, bytesPerPixel, pixels), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", data),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

const outputFolder = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
writeFileSync(join(outputFolder, "color.png"), colorIcon());
writeFileSync(join(outputFolder, "outline.png"), outlineIcon());
console.log(`wrote ${join(outputFolder, "color.png")} and ${join(outputFolder, "outline.png")}`);
