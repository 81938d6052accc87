import { ImapFlow } from 'imapflow';
import type { AttachedMailStack } from '../mail-stack/index.ts';

/** Another mail client's session (imapflow over IMAPS): the test's own look at the server. */
export async function withImap<T>(
  stack: AttachedMailStack,
  email: string,
  password: string,
  act: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: stack.host,
    port: stack.ports.imaps,
    secure: true,
    auth: { user: email, pass: password },
    logger: false,
    tls: { ca: [stack.certPem], servername: 'localhost' },
  });
  await client.connect();
  try {
    return await act(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
