// The shape of a user-facing explanation of one error, shared by every locale.

/**
 * Plain text only: no markdown links, no HTML, no raw URLs (links come from docUrl/akaMsUrl).
 * title: at most 60 characters; cause: 1 to 3 sentences; actions: 1 to 5 short imperative steps.
 * transientNote: present when retrying can help (transient or undetermined codes); it says whether
 * to retry and what the SDKs do by default.
 */
export interface ErrorText {
  title: string;
  cause: string;
  actions: string[];
  transientNote?: string;
}

export type ErrorTextCatalog = Readonly<Record<number, ErrorText>>;
