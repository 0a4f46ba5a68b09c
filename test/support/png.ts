// A PNG decoder for the picture tests: 8-bit RGBA or RGB, not interlaced (what rsvg-convert and Chromium write), to
// the alpha (or darkness) of each pixel. A library for this would be a dependency for 40 lines.
import { inflateSync } from 'node:zlib';

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  /** 0 (nothing drawn) to 255 (ink), row by row. */
  readonly ink: Uint8Array;
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

export function decodePng(png: Buffer): Bitmap {
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const data: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, not interlaced PNGs');
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      if (!channels) throw new Error(`PNG colour type ${body[9]} is not read here`);
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const px = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (px[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (px[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (px[(y - 1) * stride + x - channels] ?? 0) : 0;
      const f = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter] ?? 0;
      px[y * stride + x] = (v + f) & 255;
    }
  }
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = [px[i * channels] ?? 0, px[i * channels + 1] ?? 0, px[i * channels + 2] ?? 0];
    const alpha = channels === 4 ? (px[i * channels + 3] ?? 0) : 255;
    // Black text on nothing (alpha) or on white (darkness).
    ink[i] = Math.round((alpha * (255 - Math.min(r, g, b))) / 255);
  }
  return { width, height, ink };
}
