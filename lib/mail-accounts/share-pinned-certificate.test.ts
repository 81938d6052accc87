import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharePinnedCertificate } from './share-pinned-certificate.ts';

const server = (host: string, port: number, trustedFingerprint?: string) => ({
  host,
  port,
  ssl: true,
  username: 'tina@selfsigned-corp.test',
  credentials: { kind: 'password' as const, password: 'pw' },
  ...(trustedFingerprint ? { trustedFingerprint } : {}),
});

test('a pin on one server covers the other on the same host (names without case)', () => {
  const shared = sharePinnedCertificate({ imap: server('Mail.Corp.test', 993, 'AA:BB'), smtp: server('mail.corp.test', 465) });
  assert.equal(shared.smtp.trustedFingerprint, 'AA:BB');
  const back = sharePinnedCertificate({ imap: server('[::1]', 993), smtp: server('[::1]', 465, 'CC:DD') });
  assert.equal(back.imap.trustedFingerprint, 'CC:DD');
});

test('another host keeps its own trust decision', () => {
  const servers = { imap: server('imap.corp.test', 993, 'AA:BB'), smtp: server('smtp.corp.test', 465) };
  assert.equal(sharePinnedCertificate(servers).smtp.trustedFingerprint, undefined);
});

test('a server with its own pin keeps it', () => {
  const servers = { imap: server('mail.corp.test', 993, 'AA:BB'), smtp: server('mail.corp.test', 465, 'CC:DD') };
  assert.deepEqual(sharePinnedCertificate(servers), servers);
});
