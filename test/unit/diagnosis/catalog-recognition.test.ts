// Generated over the whole catalog: every one of its codes is recognised by number and by name,
// in every form people paste (errorCode field, ErrorCode:, bare number, aka.ms link, IH code,
// iothub-errorcode header), and classified consistently with its catalog entry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseName, catalog, entryByName, type CatalogEntry } from '#src/diagnosis/catalog.ts';
import { categoryOfCode, verdictOfCategory } from '#src/diagnosis/classify.ts';
import { diagnose } from '#src/diagnosis/diagnose.ts';
import type { Diagnosis, EvidenceKind } from '#src/diagnosis/types.ts';

function only(d: Diagnosis) {
  assert.equal(d.findings.length, 1, JSON.stringify(d.findings));
  const finding = d.findings[0];
  assert.ok(finding);
  return finding;
}

function assertCode(paste: string, entry: CatalogEntry, kind: EvidenceKind): void {
  const d = diagnose(paste);
  const f = only(d);
  assert.equal(f.code, entry.code, paste);
  assert.equal(f.name, entry.name);
  assert.equal(f.httpStatus, entry.httpStatus);
  assert.equal(f.transient, entry.transient);
  assert.equal(f.family, 'iothub-code');
  assert.equal(f.count, 1);
  assert.ok(f.evidence.some((e) => e.kind === kind), `${kind} evidence for ${paste}: ${JSON.stringify(f.evidence)}`);
  assert.equal(d.verdict.kind, verdictOfCategory(categoryOfCode(entry)));
}

/** The entry a name means: "PartitionNotFound (legacy)" is read as PartitionNotFound (503003). */
function meaningOf(entry: CatalogEntry): CatalogEntry {
  const meant = entryByName(baseName(entry.name));
  assert.ok(meant, `name ${entry.name} resolves`);
  return meant;
}

describe('catalog recognition', () => {
  it('covers the 171 catalog codes', () => {
    assert.equal(catalog.length, 171);
    assert.equal(new Set(catalog.map((e) => e.code)).size, 171);
  });

  it('maps qualified duplicate names to their primary code', () => {
    assert.equal(entryByName('PartitionNotFound (legacy)')?.code, 503003);
    assert.equal(entryByName('DeviceNotOnline (doc table)')?.code, 404103);
    assert.equal(entryByName('DeviceNotOnline')?.code, 404103);
    // Aliases never override a primary name.
    assert.equal(entryByName('IotHubSuspended')?.code, 403001);
    assert.equal(entryByName('JobQuotaExceeded')?.code, 403003);
  });

  for (const entry of catalog) {
    describe(`${entry.code} ${entry.name}`, () => {
      it('by number in an errorCode field', () => {
        assertCode(`{"errorCode":${entry.code},"trackingId":"x","message":"Request failed."}`, entry, 'code');
      });
      it('by number after ErrorCode: and as "error NNNNNN"', () => {
        assertCode(`ErrorCode:${entry.code};Request failed`, entry, 'code');
        assertCode(`The call failed with error ${entry.code} at 10:00.`, entry, 'code');
      });
      it('by number next to its name', () => {
        assertCode(`${entry.code} ${baseName(entry.name)}`, entry, 'code');
      });
      it('by aka.ms link and iothub-errorcode header', () => {
        assertCode(`see https://aka.ms/iothub${entry.code} for details`, entry, 'aka-link');
        assertCode(`HTTP headers:\niothub-errorcode: ${entry.code}`, entry, 'header');
      });
      it('not under its data-plane name when the number is a resource-provider code (IH…)', () => {
        for (const paste of [`ARM said: errorcode: IH${entry.code}.`, `{"code":${entry.code},"message":"failed. errorcode: IH${entry.code}."}`]) {
          const f = only(diagnose(paste));
          assert.deepEqual([f.code, f.name, f.httpStatus, f.family], [null, `IH${entry.code}`, Math.floor(entry.code / 1000), 'http-class'], paste);
          assert.ok(f.evidence.some((e) => e.kind === 'arm-code'));
        }
      });
      it('by name', () => {
        const meant = meaningOf(entry);
        const name = baseName(entry.name);
        assertCode(`{"Message":"ErrorCode:${name};Request failed","ExceptionMessage":""}`, meant, 'name');
        assertCode(`{"errorCode":"${name}","message":"failed"}`, meant, 'name');
        assertCode(`iothub-errorcode: ${name}`, meant, 'header');
      });
    });
  }

  it('reads bare catalog names in prose, except names that are ordinary framework words', () => {
    assert.equal(diagnose('since 10:00 we get IotHubQuotaExceeded on every send').findings[0]?.code, 403002);
    assert.equal(diagnose('DeviceMaximumQueueDepthExceeded again').findings[0]?.code, 403004);
    // HttpStatusCode members and .NET class names are not IoT Hub errors on their own.
    assert.deepEqual(diagnose('the PreconditionFailed enum member').findings, []);
    assert.deepEqual(diagnose('InvalidOperation happened in my parser').findings, []);
  });

  it('does not take round numbers for codes without an error-code label', () => {
    assert.deepEqual(diagnose('we send 400000 messages a day and 500000 on Mondays').findings, []);
    assert.equal(diagnose('error 500000 from the hub').findings[0]?.code, 500000);
    assert.equal(diagnose('ErrorCode:400000').findings[0]?.code, 400000);
  });

  it('does not read codes inside longer numbers, ids, versions or decimals', () => {
    for (const text of ['timestamp 1.4041030', 'id 74041031', 'device dev-404103', 'v404103a', 'size 0,404103', 'x/404103/y']) {
      assert.deepEqual(diagnose(text).findings, [], text);
    }
  });

  it('keeps an uncatalogued code from an error-code field with its HTTP class', () => {
    const f = only(diagnose('{"errorCode":429099,"message":"new throttle"}'));
    assert.deepEqual([f.code, f.name, f.httpStatus, f.transient, f.family], [429099, null, 429, true, 'http-class']);
    assert.deepEqual(diagnose('some 429099 number').findings, [], 'not without a label');
  });
});
