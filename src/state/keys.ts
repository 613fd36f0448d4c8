// Keys are plain, portable names: the same key works as a SQLite primary key and (URI-encoded, see
// azblob-store.ts) as a blob name.
const KEY = /^[A-Za-z0-9._~:/%-]{1,400}$/;

export function assertValidKey(key: string): void {
  if (!KEY.test(key) || key.startsWith('/') || key.endsWith('/') || key.includes('//')) {
    throw new Error(`store: invalid key ${JSON.stringify(key.slice(0, 80))} (1-400 characters of A-Z a-z 0-9 . _ ~ : / % -, no empty path segment)`);
  }
}
