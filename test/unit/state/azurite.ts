// Moved to test/support/azurite.ts (the end-to-end tests share it); kept for the state unit tests' imports.
export { startAzurite, freePort, connectionStringFor } from '../../support/azurite.ts';
export type { Azurite } from '../../support/azurite.ts';
