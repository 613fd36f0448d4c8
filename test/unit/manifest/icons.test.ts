import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ICON_RULES, iconSizeProblems, outlineColourProblems, outlinePixelReport } from '../../../scripts/manifest/icons.ts';
import { decodePng, encodePng, readPngHeader } from '../../../scripts/manifest/png.ts';

const manifestDir = join(import.meta.dirname, '..', '..', '..', 'manifest');
const color = readFileSync(join(manifestDir, 'color.png'));
const outline = readFileSync(join(manifestDir, 'outline.png'));

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgba.set(pixel(x, y), (y * width + x) * 4);
  return encodePng({ width, height, rgba });
}

describe('committed app icons', () => {
  it('color.png is 192x192 and opaque (full colour, no see-through corners)', () => {
    assert.equal(readPngHeader(color).width, 192);
    assert.equal(readPngHeader(color).height, 192);
    assert.deepEqual(iconSizeProblems(ICON_RULES.color, 'color.png', color), []);
    const { rgba } = decodePng(color);
    const colours = new Set<string>();
    for (let i = 0; i < rgba.length; i += 4) {
      assert.equal(rgba[i + 3], 255, `pixel ${i / 4} is not opaque`);
      colours.add(`${rgba[i]},${rgba[i + 1]},${rgba[i + 2]}`);
    }
    assert.ok(colours.size > 20, 'a real picture, not a flat square');
  });

  it('outline.png is 32x32 with only white (or alpha-blended white) pixels on transparency', () => {
    assert.deepEqual(iconSizeProblems(ICON_RULES.outline, 'outline.png', outline), []);
    const { width, height, rgba } = decodePng(outline);
    assert.equal(width, 32);
    assert.equal(height, 32);
    let transparent = 0;
    let visible = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) {
        transparent++;
        continue;
      }
      visible++;
      assert.deepEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [255, 255, 255], `pixel ${i / 4} is not white`);
    }
    assert.ok(visible > 50, 'the outline draws something');
    assert.ok(transparent > 300, 'the background is transparent');
    assert.deepEqual(outlineColourProblems('outline.png', outline), []);
  });
});

describe('icon checks', () => {
  it('reports the wrong size with the actual and required dimensions', () => {
    const small = image(96, 96, () => [10, 20, 30, 255]);
    assert.deepEqual(iconSizeProblems(ICON_RULES.color, 'color.png', small), ['color icon color.png is 96x96; Teams requires 192x192.']);
    assert.match(iconSizeProblems(ICON_RULES.outline, 'outline.png', color)[0] ?? '', /192x192; Teams requires 32x32/);
  });

  it('reports a file that is not a PNG', () => {
    assert.match(iconSizeProblems(ICON_RULES.color, 'color.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')).join(), /not a PNG/);
  });

  it('flags a non-white pixel in the outline and says where', () => {
    const bad = image(32, 32, (x, y) => (x === 5 && y === 7 ? [200, 0, 0, 128] : x < 16 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
    assert.equal(outlinePixelReport(bad).nonWhitePixels, 1);
    const problems = outlineColourProblems('outline.png', bad);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /1 visible pixel\(s\) that are not white \(first at 5,7: rgba\(200, 0, 0, 128\)\)/);
  });

  it('flags an outline without a transparent background, and an empty one', () => {
    assert.match(outlineColourProblems('o.png', image(32, 32, () => [255, 255, 255, 255])).join(), /no transparent pixels/);
    assert.match(outlineColourProblems('o.png', image(32, 32, () => [255, 255, 255, 0])).join(), /fully transparent/);
  });

  it('accepts fully transparent black pixels (colour is irrelevant when alpha is 0)', () => {
    const ok = image(32, 32, (x) => (x < 10 ? [255, 255, 255, 90] : [0, 0, 0, 0]));
    assert.deepEqual(outlineColourProblems('o.png', ok), []);
  });
});
