// DIAGNOSIS_BUDGET_MS: the time a paste may take to read, parsed with the rest of the configuration.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, describeConfig, loadConfig } from '#src/config.ts';

it('DIAGNOSIS_BUDGET_MS defaults to 2000 ms and is shown at start', () => {
  assert.equal(loadConfig({}).diagnosisBudgetMs, 2000);
  const config = loadConfig({ DIAGNOSIS_BUDGET_MS: '10' });
  assert.equal(config.diagnosisBudgetMs, 10);
  assert.equal(describeConfig(config).diagnosisBudgetMs, 10);
  assert.equal(loadConfig({ DIAGNOSIS_BUDGET_MS: '3000' }).diagnosisBudgetMs, 3000);
});

it('DIAGNOSIS_BUDGET_MS is refused, by name, outside 10-3000 (the Diagnose action must answer within 5 s)', () => {
  for (const value of ['9', '3001', '2s', '-5', '1.5']) {
    assert.throws(
      () => loadConfig({ DIAGNOSIS_BUDGET_MS: value }),
      (error: unknown) => error instanceof ConfigError && error.variable === 'DIAGNOSIS_BUDGET_MS' && /between 10 and 3000/.test(error.message),
      value,
    );
  }
});
