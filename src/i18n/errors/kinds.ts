// Which findings get a text without a 6-digit code.

/** Failures that are not an IoT Hub fault: the renderer looks their text up by this kind. */
export const NOT_IOTHUB_KINDS = Object.freeze([
  'dns',
  'connection-refused',
  'connection-reset',
  'tls',
  'local-identity-service',
  'client-size-check',
  'timeout-client',
  'generic-network',
] as const);

export type NotIotHubKind = (typeof NOT_IOTHUB_KINDS)[number];

/** HTTP classes that have a text of their own when no 6-digit code is known. */
export const HTTP_CLASSES: readonly number[] = Object.freeze([400, 401, 403, 404, 408, 409, 412, 413, 429, 500, 502, 503, 504]);
