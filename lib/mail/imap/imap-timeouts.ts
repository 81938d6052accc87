/** How long the sync waits for an IMAP server before it gives a connection up (open-imap-client.ts). */
export interface ImapTimeouts {
  /**
   * Connect, TLS and greeting of a slow provider (seconds at worst), but a dead path is given up
   * soon: with the 40 s backoff cap it bounds how long after a cut ends the sync is back.
   * @default 15 s
   */
  connectMs: number;
  /**
   * Liveness of a silently dead connection (no RST, no FIN: a NAT box or firewall that forgot
   * the flow; issue 8 item 12). imapflow's socket watchdog: a connection quiet this long while
   * quiet is expected (IDLE, a held mailbox) is probed with NOOP, which breaks IDLE (the runner
   * enters it again, watch-inbox.ts); a command (that NOOP included) that gets no byte back for
   * this long closes the connection, and the runner reconnects. So a dead connection is noticed
   * within twice this. TCP keepalive is on as well (imapflow sets it), but Node cannot shorten
   * its probe interval, so on Linux it would take ≈ 11 min alone. A server that is silent this
   * long inside one command (a slow SEARCH) is cut off too: 25 s is far above what IMAP servers
   * take to start answering.
   * @default 25 s
   */
  socketMs: number;
}

export const DEFAULT_IMAP_TIMEOUTS: ImapTimeouts = { connectMs: 15_000, socketMs: 25_000 };
