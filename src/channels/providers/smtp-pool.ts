import nodemailer, { type SendMailOptions, type SMTPPoolSentMessageInfo } from 'nodemailer';

export interface SmtpPoolOptions {
  /** A connection with no message for this long says QUIT, so an idle process holds no sockets (default 60 s). */
  idleMs?: number;
  /** Simultaneous connections per SMTP server (default 5; many servers refuse more from one client). */
  maxConnections?: number;
  /** Messages over one connection before it is replaced by a fresh one (default 100). */
  maxMessages?: number;
}

type Transport = ReturnType<typeof createPool>;

/** Time to connect and to get the server's greeting. */
const CONNECT_TIMEOUT_MS = 15_000;

function createPool(url: string, opts: Required<SmtpPoolOptions>) {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: opts.maxConnections,
    maxMessages: opts.maxMessages,
    idleTimeout: opts.idleMs,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    // Longer than the idle time: an unused connection is closed by us with a QUIT, not declared dead by the
    // socket timeout. A stalled delivery does not wait for it: the per-message signal ends it (see `send`).
    socketTimeout: opts.idleMs + CONNECT_TIMEOUT_MS,
  });
}

/**
 * Pooled SMTP connections, one pool per SMTP URL (the connection's identity: the
 * From address is per message, so it does not need a pool of its own). A pool is
 * made on the first send and kept for the later ones, so a campaign pays the
 * TCP + TLS + AUTH handshake once per connection instead of once per mail.
 * A connection with no mail for `idleMs` is closed by the pool itself (nodemailer's
 * idleTimeout); the next mail opens a new one. A send to another URL (the provider
 * was reconfigured) retires the old URL's pool: closed as soon as its own sends in
 * flight have finished.
 */
export class SmtpPools {
  private readonly opts: Required<SmtpPoolOptions>;
  private readonly pools = new Map<string, { transport: Transport; inFlight: number; retired: boolean }>();

  constructor(opts: SmtpPoolOptions = {}) {
    this.opts = { idleMs: 60_000, maxConnections: 5, maxMessages: 100, ...opts };
  }

  /**
   * Sends one mail through the pool for `url`. `mail.signal` ends only this
   * message: taken off the queue if it is still waiting for a connection, or
   * the one connection carrying it closed. Closing it, rather than leaving it to
   * its socket timeout: a server drops a mail whose DATA has not finished, where
   * a connection left running could still deliver a mail already reported as
   * timed out (and sent again by the retry), and would hold one of the few
   * connections meanwhile. The other connections and their mails carry on.
   */
  async send(url: string, mail: SendMailOptions): Promise<SMTPPoolSentMessageInfo> {
    const pool = this.poolFor(url);
    pool.inFlight++;
    try {
      return await pool.transport.sendMail(mail);
    } finally {
      pool.inFlight--;
      if (pool.retired && pool.inFlight === 0) pool.transport.close();
    }
  }

  /** URLs with an open pool (for tests and diagnostics). */
  urls(): string[] {
    return [...this.pools.keys()];
  }

  /** Closes every pool: idle connections at once, one delivering a message after it. For process shutdown. */
  closeAll(): void {
    for (const pool of this.pools.values()) pool.transport.close();
    this.pools.clear();
  }

  private poolFor(url: string) {
    const existing = this.pools.get(url);
    if (existing) return existing;
    for (const [oldUrl, old] of this.pools) {
      this.pools.delete(oldUrl);
      old.retired = true;
      if (old.inFlight === 0) old.transport.close();
    }
    const pool = { transport: createPool(url, this.opts), inFlight: 0, retired: false };
    this.pools.set(url, pool);
    return pool;
  }
}

/** The process's SMTP pools, used by the email provider. */
export const smtpPools = new SmtpPools();

/** Closes the process's SMTP connections; a process that is shutting down calls it once its sends have drained. */
export function closeSmtpPools(): void {
  smtpPools.closeAll();
}
