// Draws SupportBot's two Teams icons as real PNGs, with no image library: Node's zlib and a few shapes.
//   color.png   192x192, the accent colour with a white speech bubble holding three dots
//   outline.png  32x32, the same bubble as a white outline on a transparent background (Teams' rule)
// Run: node make-icons.mjs   (writes both files next to this script; the committed PNGs come from it)
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { crc32 } from "./crc32.mjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const ACCENT = [0x2e, 0x6d, 0xb4];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4; // supersampling per axis, for smooth edges

// Signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and corner radius r.
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

// Signed distance (negative inside) to a triangle, by edge half-planes: good enough for a bubble's tail.
function triangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const edge = (px, py, qx, qy) => ((qx - px) * (y - py) - (qy - py) * (x - px)) / Math.hypot(qx - px, qy - py);
  const s = Math.sign(edge(ax, ay, bx, by) + edge(bx, by, cx, cy) + edge(cx, cy, ax, ay)) || 1;
  return -Math.min(s * edge(ax, ay, bx, by), s * edge(bx, by, cx, cy), s * edge(cx, cy, ax, ay));
}

// The bubble in a unit square (0..1): body, tail at the lower left, three dots.
function bubble(x, y) {
  const body = roundedRect(x, y, 0.5, 0.44, 0.36, 0.26, 0.12);
  const tail = triangle(x, y, [0.24, 0.6], [0.42, 0.66], [0.2, 0.86]);
  return Math.min(body, tail);
}
function dots(x, y) {
  return Math.min(...[0.32, 0.5, 0.68].map((cx) => Math.hypot(x - cx, y - 0.44) - 0.055));
}

function render(size, shade) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = shade((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size, size);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const o = (py * size + px) * 4;
      const n = SAMPLES * SAMPLES;
      pixels[o] = a ? Math.round(r / a) : 0;
      pixels[o + 1] = a ? Math.round(g / a) : 0;
      pixels[o + 2] = a ? Math.round(b / a) : 0;
      pixels[o + 3] = Math.round((a / n) * 255);
    }
  }
  return pixels;
}

function png(size, rgba) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "ascii");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// Colour: accent everywhere, a white bubble, accent dots.
const color = render(192, (x, y) => {
  if (bubble(x, y) > 0) return [...ACCENT, 1];
  return dots(x, y) < 0 ? [...ACCENT, 1] : [...WHITE, 1];
});

// Outline: a white stroke about 2 px wide (at 32 px) around the bubble, white dots, transparent elsewhere.
const outline = render(32, (x, y, size) => {
  const stroke = 1.9 / size;
  const inStroke = Math.abs(bubble(x, y) + stroke / 2) < stroke / 2;
  return inStroke || dots(x, y) < 0.01 ? [...WHITE, 1] : [0, 0, 0, 0];
});

writeFileSync(join(here, "color.png"), png(192, color));
writeFileSync(join(here, "outline.png"), png(32, outline));
console.log("wrote color.png (192x192) and outline.png (32x32)");
