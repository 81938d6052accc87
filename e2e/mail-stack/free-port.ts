import net from 'node:net';

/**
 * Free TCP ports on a loopback address, so parallel test runs (and the lead's dev
 * server) never fight over a fixed port.
 *
 * The kernel picks each port (bind to port 0); all sockets stay open until every
 * port is chosen, so one call never returns the same port twice. There is an
 * unavoidable window between closing the probe and the real server binding; the
 * kernel hands out ephemeral ports round-robin, so a collision in that window is
 * very unlikely, and the caller fails loudly (EADDRINUSE) if it ever happens.
 *
 * @param count how many distinct ports
 * @param host  @default '127.0.0.1'
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, () => resolve());
      });
      ports.push((server.address() as net.AddressInfo).port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** One free loopback port; see {@link freePorts}. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  return port!;
}
