// Regenerates manifest/color.png (192x192) and manifest/outline.png (32x32) from the SVGs below,
// rendered in headless Chromium. The PNGs are committed; run this only to change the design:
//   node scripts/make-icons.ts [--chromium /usr/bin/chromium] [--out-dir manifest]
// Motif: an IoT hub (a centre node with six devices on spokes) and an on-call pulse line.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { decodePng, encodePng } from './manifest/png.ts';
import type { RgbaImage } from './manifest/png.ts';

const ACCENT = '#0F4C81';

function spokes(centre: number, inner: number, outer: number): Array<{ x1: number; y1: number; x2: number; y2: number }> {
  return Array.from({ length: 6 }, (_, k) => {
    const angle = ((-90 + 60 * k) * Math.PI) / 180;
    const round = (value: number): number => Math.round(value * 100) / 100;
    return {
      x1: round(centre + inner * Math.cos(angle)),
      y1: round(centre + inner * Math.sin(angle)),
      x2: round(centre + outer * Math.cos(angle)),
      y2: round(centre + outer * Math.sin(angle)),
    };
  });
}

/** 192x192, full colour, full-bleed background in the manifest's accent colour. */
function colorSvg(): string {
  const lines = spokes(96, 30, 56);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1666B0"/>
      <stop offset="1" stop-color="${ACCENT}"/>
    </linearGradient>
  </defs>
  <rect width="192" height="192" fill="url(#bg)"/>
  <circle cx="96" cy="96" r="56" fill="none" stroke="#FFFFFF" stroke-opacity="0.22" stroke-width="3"/>
  ${lines.map((l) => `<line x1="${l.x1}" y1="${l.y1}" x2="${l.x2}" y2="${l.y2}" stroke="#FFFFFF" stroke-opacity="0.7" stroke-width="6" stroke-linecap="round"/>`).join('\n  ')}
  ${lines.map((l) => `<circle cx="${l.x2}" cy="${l.y2}" r="12" fill="#FFFFFF"/>`).join('\n  ')}
  <circle cx="96" cy="96" r="31" fill="#F59E0B" stroke="#FFFFFF" stroke-width="5"/>
  <polyline points="71,97 81,97 87,84 96,112 103,87 108,97 121,97" fill="none" stroke="#FFFFFF" stroke-width="5.5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
}

/** 32x32, white only on transparent: the same hub, simplified for the small size. */
function outlineSvg(): string {
  const lines = spokes(16, 7.2, 11.4);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <g fill="none" stroke="#FFFFFF" stroke-linecap="round" stroke-linejoin="round">
    ${lines.map((l) => `<line x1="${l.x1}" y1="${l.y1}" x2="${l.x2}" y2="${l.y2}" stroke-width="1.5"/>`).join('\n    ')}
    <circle cx="16" cy="16" r="6" stroke-width="1.6"/>
    <polyline points="11.6,16.2 13.4,16.2 14.8,13.4 16.6,19 18,15 18.8,16.2 20.4,16.2" stroke-width="1.3"/>
  </g>
  <g fill="#FFFFFF">
    ${lines.map((l) => `<circle cx="${l.x2}" cy="${l.y2}" r="2.6"/>`).join('\n    ')}
  </g>
</svg>`;
}

/** Chromium anti-aliases in premultiplied space; make every visible pixel exactly white. */
function whiteOnly(image: RgbaImage): RgbaImage {
  const rgba = Uint8Array.from(image.rgba);
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3] ?? 0;
    rgba.fill(alpha === 0 ? 0 : 255, i, i + 3);
  }
  return { ...image, rgba };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { chromium: { type: 'string', default: '/usr/bin/chromium' }, 'out-dir': { type: 'string' } },
    strict: true,
  });
  const outDir = resolve(args['out-dir'] ?? resolve(import.meta.dirname, '..', 'manifest'));
  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const render = async (svg: string, size: number): Promise<RgbaImage> => {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      try {
        await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
        const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
        return decodePng(png);
      } finally {
        await page.close();
      }
    };
    const color = await render(colorSvg(), 192);
    const outline = whiteOnly(await render(outlineSvg(), 32));
    writeFileSync(resolve(outDir, 'color.png'), encodePng(color));
    writeFileSync(resolve(outDir, 'outline.png'), encodePng(outline));
    process.stdout.write(`wrote ${resolve(outDir, 'color.png')} and ${resolve(outDir, 'outline.png')}\n`);
  } finally {
    await browser.close();
  }
}

await main();
