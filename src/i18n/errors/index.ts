// Public API of the error explanations (en, fr): texts by code, by HTTP class, by non-IoT Hub kind,
// SDK retry notes, documentation links and the support block.

export type { ErrorText, ErrorTextCatalog } from './types.ts';
export type { NotIotHubKind } from './kinds.ts';
export type { SupportFields } from './support.ts';
export { NOT_IOTHUB_KINDS, HTTP_CLASSES } from './kinds.ts';
export { errorText, httpClassText, notIotHubText } from './families.ts';
export { sdkRetryNote, sdkVersionNote, SDK_RETRY_CLASSES } from './sdk-retry.ts';
export { serviceDocLink, serviceText, serviceVerdict, SERVICE_DOC_URLS } from './services.ts';
export { docUrl, akaMsUrl } from './docs.ts';
export { supportBlock } from './support.ts';
