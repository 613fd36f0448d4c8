// The `iothub-oncall diagnose --json` contract of design.md: exactly these keys, nothing else.
import type { CliDiagnosis, Diagnosis } from './types.ts';

export function toCliJson(d: Diagnosis): CliDiagnosis {
  return {
    findings: d.findings.map((f) => ({ code: f.code, name: f.name, httpStatus: f.httpStatus, transient: f.transient, count: f.count })),
    context: {
      hubHostNames: [...d.context.hubHostNames],
      deviceIds: [...d.context.deviceIds],
      moduleIds: [...d.context.moduleIds],
      trackingIds: [...d.context.trackingIds],
      timestamps: [...d.context.timestamps],
      protocols: [...d.context.protocols],
    },
    secrets: { count: d.secrets.count, kinds: [...d.secrets.kinds] },
    verdict: { kind: d.verdict.kind },
  };
}
