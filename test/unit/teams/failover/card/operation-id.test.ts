import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortOperationId } from '#src/teams/failover/card/view.ts';

describe('shortOperationId', () => {
  it('keeps short ids whole', () => {
    assert.equal(shortOperationId('os_ih_1234'), 'os_ih_1234');
  });

  it('shows both ends of a long ARM operation id, short enough not to widen a FactSet column', () => {
    const id = 'b3NfaWhfNThiZGI3YmQtNDVlMC00NDVhLWI4ZjYtOWRhNjE2ZmQ3YzQx';
    const shown = shortOperationId(id);
    assert.equal(shown, `${id.slice(0, 10)}…${id.slice(-10)}`);
    assert.ok(shown.length <= 21);
  });
});
