// The ER diagram drawn by two real renderers (Chromium, and librsvg from Debian's librsvg2-bin) under three sets
// of fonts: no text is drawn past the room Graphviz gave it (into the next span of its line or over its box's edge).
// Graphviz in WebAssembly has no fonts and measures text with its tables of font widths; the picture names the font it
// was measured with first (support/svg-text.ts finds the room, support/png.ts reads librsvg's pictures).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { erd, readState } from '../../src/index.js';
import type { Model } from '../../src/model/model.js';
import { dotToSvg } from '../../src/erd/svg.js';
import { decodePng, type Bitmap } from '../support/png.js';
import { layOut, onlyTexts, type Laid, type Span } from '../support/svg-text.js';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'sfm-picture-'));

/** A fontconfig that knows only these font files: what a renderer finds on a machine that has only them. */
function fontsOnly(name: string, files: readonly string[]): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'fonts'), { recursive: true });
  for (const f of files) symlinkSync(f, join(dir, 'fonts', f.split('/').pop() as string));
  const conf = join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${dir}/fonts</dir>` +
      `<cachedir>${dir}/cache</cachedir></fontconfig>\n`,
  );
  return conf;
}

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const LIBERATION = '/usr/share/fonts/truetype/liberation';

/** Ink in the room after the span (its bound, plus a pixel of anti-aliasing, to where the room after it ends). */
function inkPast(b: Bitmap, l: Laid, s: Span, scale: number): boolean {
  const x0 = Math.ceil((s.bound + l.tx) * scale + 1);
  const x1 = Math.min(b.width, Math.floor((s.after + l.tx) * scale));
  const y0 = Math.max(0, Math.floor((s.y + l.ty - 0.8 * s.size) * scale));
  const y1 = Math.min(b.height, Math.ceil((s.y + l.ty + 0.3 * s.size) * scale));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((b.ink[y * b.width + x] ?? 0) > 96) return true;
  return false;
}

/** The spans librsvg draws past their room, with the fonts of `fontconfig` (undefined: the system's), at 72 dpi (a
 * 10-unit font is 10 pixels: hinting rounds each glyph's advance most there) and at 96 (rsvg-convert's default). */
function librsvgOverflows(svg: string, fontconfig?: string): string[] {
  return [72, 96].flatMap((dpi) => overflowsAt(svg, dpi, fontconfig).map((o) => `${dpi} dpi: ${o}`));
}

function overflowsAt(svg: string, dpi: number, fontconfig?: string): string[] {
  const l = layOut(svg);
  const out: string[] = [];
  for (const parity of [0, 1]) {
    const file = join(work, `p${parity}.svg`);
    const png = join(work, `p${parity}.png`);
    writeFileSync(
      file,
      onlyTexts(l, (s) => s.place % 2 === parity),
    );
    execFileSync('rsvg-convert', ['-d', String(dpi), '-p', String(dpi), '-o', png, file], {
      env: { ...process.env, ...(fontconfig ? { FONTCONFIG_FILE: fontconfig } : {}) },
    });
    const b = decodePng(readFileSync(png));
    for (const s of l.spans.filter((x) => x.place % 2 === parity))
      if (inkPast(b, l, s, dpi / 72)) out.push(`"${s.text}" at (${s.x}, ${s.y}) past ${s.bound}`);
  }
  return out;
}

describe('the ER diagram as renderers draw it', () => {
  let svg: string;
  let helvetica: string;
  beforeAll(async () => {
    const model: Model = await readState({ type: 'schema', path: join(ROOT, 'schema') }, { dev: 'embedded' });
    svg = (await erd({ source: { type: 'model', model }, format: 'svg' })).text;
    const dot = (await erd({ source: { type: 'model', model }, format: 'dot' })).text;
    // The picture as it was laid out before: measured as Helvetica.
    helvetica = await dotToSvg(dot.replace(/fontname="[^"]*"/g, 'fontname="Helvetica"'));
  }, 120_000);

  it('has rsvg-convert and Chromium', () => {
    expect(existsSync('/usr/bin/rsvg-convert'), 'apt-get install librsvg2-bin (.ci/run does)').toBe(true);
    expect(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM}`).toBe(true);
  });

  it('librsvg with the system fonts, DejaVu Sans only (a bare Linux) and Liberation Sans only (Arial widths)', () => {
    expect(layOut(svg).spans.length).toBeGreaterThan(200);
    expect(librsvgOverflows(svg)).toEqual([]);
    expect(
      librsvgOverflows(svg, fontsOnly('dejavu', [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`])),
    ).toEqual([]);
    expect(
      librsvgOverflows(
        svg,
        fontsOnly('liberation', [`${LIBERATION}/LiberationSans-Regular.ttf`, `${LIBERATION}/LiberationSans-Bold.ttf`]),
      ),
    ).toEqual([]);
  });

  it('the check sees the overflows of text measured as Helvetica and drawn in DejaVu Sans', () => {
    const found = librsvgOverflows(
      helvetica,
      fontsOnly('dejavu-self-test', [`${DEJAVU}/DejaVuSans.ttf`, `${DEJAVU}/DejaVuSans-Bold.ttf`]),
    );
    expect(found.length).toBeGreaterThan(10);
  });

  it('Chromium: every text ends within its room', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const l = layOut(svg);
      await page.setContent(`<!doctype html><html><body style="margin:0">${l.svg}</body></html>`);
      const ends = await page.evaluate(() =>
        [...document.querySelectorAll('text[data-i]')].map((t) => {
          const b = (t as SVGTextElement).getBBox();
          return [Number(t.getAttribute('data-i')), b.x + b.width] as const;
        }),
      );
      const end = new Map(ends);
      const past = l.spans.filter((s) => (end.get(s.i) ?? 0) > s.bound + 0.5).map((s) => `"${s.text}" past ${s.bound}`);
      expect(l.spans.filter((s) => !end.has(s.i))).toEqual([]);
      expect(past).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
