import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedIssuers } from '#src/http/entra-webhook-token.ts';

const TID = '0d1e2f30-4152-6374-8596-a7b8c9d0e1f2';

describe('acceptedIssuers', () => {
  it('names each cloud’s v2 and v1 issuers', () => {
    assert.deepEqual(acceptedIssuers('https://login.microsoftonline.com', TID), [`https://login.microsoftonline.com/${TID}/v2.0`, `https://sts.windows.net/${TID}/`]);
    assert.deepEqual(acceptedIssuers('https://login.microsoftonline.us', TID), [`https://login.microsoftonline.us/${TID}/v2.0`, `https://sts.windows.net/${TID}/`]);
    assert.deepEqual(acceptedIssuers('https://login.chinacloudapi.cn', TID), [`https://login.partner.microsoftonline.cn/${TID}/v2.0`, `https://sts.chinacloudapi.cn/${TID}/`]);
    assert.deepEqual(acceptedIssuers('http://127.0.0.1:4000', TID), [`http://127.0.0.1:4000/${TID}/v2.0`, `http://127.0.0.1:4000/${TID}/`]);
  });
});
