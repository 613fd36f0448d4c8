// The two icon rules Teams states for an app package: colour 192x192, outline 32x32 white on transparent.
import { decodePng, readPngHeader } from './png.ts';

export interface IconRule {
  role: 'color' | 'outline' | 'color32x32';
  width: number;
  height: number;
}

export const ICON_RULES: Readonly<Record<IconRule['role'], IconRule>> = {
  color: { role: 'color', width: 192, height: 192 },
  outline: { role: 'outline', width: 32, height: 32 },
  color32x32: { role: 'color32x32', width: 32, height: 32 },
};

/** Problems with the icon's format and size (empty when fine). Reads only the PNG header. */
export function iconSizeProblems(rule: IconRule, file: string, bytes: Uint8Array): string[] {
  let header;
  try {
    header = readPngHeader(bytes);
  } catch (error) {
    return [`${rule.role} icon ${file}: ${(error as Error).message}`];
  }
  if (header.width !== rule.width || header.height !== rule.height) {
    return [`${rule.role} icon ${file} is ${header.width}x${header.height}; Teams requires ${rule.width}x${rule.height}.`];
  }
  return [];
}

export interface OutlinePixelReport {
  totalPixels: number;
  visiblePixels: number;
  nonWhitePixels: number;
  firstNonWhite?: { x: number; y: number; rgba: [number, number, number, number] };
}

/** Counts the pixels that are visible (alpha > 0) and those of them that are not pure white. */
export function outlinePixelReport(bytes: Uint8Array): OutlinePixelReport {
  const { width, rgba } = decodePng(bytes);
  const report: OutlinePixelReport = { totalPixels: rgba.length / 4, visiblePixels: 0, nonWhitePixels: 0 };
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b, a] = [rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0, rgba[i + 3] ?? 0];
    if (a === 0) continue;
    report.visiblePixels++;
    if (r !== 255 || g !== 255 || b !== 255) {
      report.nonWhitePixels++;
      report.firstNonWhite ??= { x: (i / 4) % width, y: Math.floor(i / 4 / width), rgba: [r, g, b, a] };
    }
  }
  return report;
}

/** The outline icon must be white (optionally alpha-blended) on a transparent background. */
export function outlineColourProblems(file: string, bytes: Uint8Array): string[] {
  let report: OutlinePixelReport;
  try {
    report = outlinePixelReport(bytes);
  } catch (error) {
    return [`outline icon ${file}: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (report.visiblePixels === 0) problems.push(`outline icon ${file} is fully transparent.`);
  if (report.nonWhitePixels > 0 && report.firstNonWhite) {
    const { x, y, rgba } = report.firstNonWhite;
    problems.push(
      `outline icon ${file} has ${report.nonWhitePixels} visible pixel(s) that are not white (first at ${x},${y}: rgba(${rgba.join(', ')})); Teams requires white on a transparent background.`,
    );
  }
  if (report.visiblePixels === report.totalPixels) problems.push(`outline icon ${file} has no transparent pixels; its background must be transparent.`);
  return problems;
}
