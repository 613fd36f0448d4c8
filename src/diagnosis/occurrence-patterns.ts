// What identifies one occurrence of an error: an IoT Hub tracking id (32 hex digits before "-G:",
// "-TimeStamp:" or "_G<digit>") or a tracking/correlation id field, with where matches start relative
// to their keywords (see triggers.ts).
import type { TriggeredPattern } from './triggers.ts';

const HEX_GUID = '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}';
const AT = [0] as const;
const BEFORE_SUFFIX = [32] as const;

export const OCCURRENCE_ID: TriggeredPattern = {
  pattern: new RegExp(
    String.raw`(?<![0-9A-Za-z])([0-9a-fA-F]{32})(?=-G\d{0,4}:|-TimeStamp:|_G\d)|(?:tracking[ _-]?id|correlation (?:identifier|id)|x-ms-correlation-request-id)["']?\s*[:=]\s*["']?(${HEX_GUID})`,
    'gi',
  ),
  starts: {
    '-g': BEFORE_SUFFIX,
    '-timestamp:': BEFORE_SUFFIX,
    _g: BEFORE_SUFFIX,
    trackingid: AT,
    'tracking id': AT,
    tracking_id: AT,
    'tracking-id': AT,
    // at it, and "x-ms-" before it
    correlation: [0, 5],
  },
};
