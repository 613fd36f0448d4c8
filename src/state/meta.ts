// The store's meta record, `store/meta`: written once when a store is created, and read back by every
// readiness check. A store that answers but cannot hand back this small record (missing, not JSON, another
// application's) is not ready, whatever a bare round trip says.
export const STORE_META_KEY = 'store/meta';

export const STORE_APP = 'iothub-oncall';

/** Layout of the keys and documents; a later version that changes them raises it. */
export const STORE_SCHEMA = 1;

export interface StoreMeta {
  app: typeof STORE_APP;
  schema: number;
  createdAt: string;
}

export function newStoreMeta(now: number): StoreMeta {
  return { app: STORE_APP, schema: STORE_SCHEMA, createdAt: new Date(now).toISOString() };
}

/** Throws when the value is not this application's meta record of a schema it can read. */
export function checkStoreMeta(value: unknown): StoreMeta {
  if (typeof value !== 'object' || value === null) throw new Error('store: the meta record is not an object');
  const app: unknown = Reflect.get(value, 'app');
  const schema: unknown = Reflect.get(value, 'schema');
  const createdAt: unknown = Reflect.get(value, 'createdAt');
  if (app !== STORE_APP) throw new Error('store: the meta record belongs to another application');
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) throw new Error('store: the meta record has no schema version');
  if (schema > STORE_SCHEMA) throw new Error(`store: schema ${schema} was written by a newer version of the bot (this one reads ${STORE_SCHEMA})`);
  if (typeof createdAt !== 'string' || !Number.isFinite(Date.parse(createdAt))) throw new Error('store: the meta record has no creation time');
  return { app, schema, createdAt };
}
