// Typed view of the IoT Hub error-code catalog (src/diagnosis/catalog/iothub-error-codes.json) and
// the look-ups the recognisers need: by 6-digit code and by error name.
import catalogJson from './catalog/iothub-error-codes.json' with { type: 'json' };

export interface CatalogEntry {
  code: number;
  /** Error name; a few entries carry a qualifier, e.g. "PartitionNotFound (legacy)". */
  name: string;
  httpStatus: number;
  transient: boolean | null;
  docPage: string | null;
  causeFacts: string;
  fixFacts: string;
  sources: string[];
  aliases?: string[];
  sampleMessages?: string[];
  sdkNote?: string;
  docStatus?: string;
  protocolOnly?: boolean;
}

export const catalog: readonly CatalogEntry[] = catalogJson satisfies readonly CatalogEntry[];

const byCode = new Map<number, CatalogEntry>(catalog.map((entry) => [entry.code, entry]));

/** "PartitionNotFound (legacy)" → "PartitionNotFound"; plain names are returned unchanged. */
export function baseName(name: string): string {
  const cut = name.indexOf(' (');
  return cut === -1 ? name : name.slice(0, cut);
}

// Primary names win over qualified duplicates ("DeviceNotOnline (doc table)" is 404102, but the
// name DeviceNotOnline means 404103), and both win over SDK aliases.
const byName = new Map<string, CatalogEntry>();
for (const entry of catalog) if (!entry.name.includes(' (')) byName.set(entry.name, entry);
for (const entry of catalog) {
  const base = baseName(entry.name);
  if (!byName.has(base)) byName.set(base, entry);
}
for (const entry of catalog) {
  for (const alias of entry.aliases ?? []) {
    const base = baseName(alias);
    if (!byName.has(base)) byName.set(base, entry);
  }
}

export function entryByCode(code: number): CatalogEntry | undefined {
  return byCode.get(code);
}

/** Exact (case-sensitive) look-up by error name, qualified name or alias. */
export function entryByName(name: string): CatalogEntry | undefined {
  return byName.get(baseName(name));
}

/** Every name the catalog answers to (primary names, qualified names' bases, aliases' bases). */
export function catalogNames(): string[] {
  return [...byName.keys()];
}
