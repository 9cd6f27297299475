/**
 * The upstream MTA, through one pooled nodemailer transport. A send is one SMTP transaction for one
 * recipient; its result is the upstream's verdict on that recipient: accepted, refused for good (5xx) or
 * for now (4xx, or no answer at all: the upstream is down).
 */
import nodemailer, { type Transporter } from 'nodemailer';

export type UpstreamResult =
  | { kind: 'accepted'; response: string }
  | { kind: 'rejected'; replyCode: number; text: string; command: string | null }
  /** replyCode null: no SMTP answer (connection refused, timeout). */
  | { kind: 'deferred'; replyCode: number | null; text: string };

export interface Upstream {
  send(from: string, to: string, raw: Buffer): Promise<UpstreamResult>;
  close(): void;
}

interface SmtpFailure extends Error {
  responseCode?: number;
  response?: string;
  command?: string;
}

/** `smtp://[user:pass@]host:port` (STARTTLS when offered) or `smtps://` (TLS from the start). */
export function openUpstream(url: string, options: { maxConnections?: number } = {}): Upstream {
  const parsed = new URL(url);
  const transport: Transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    host: parsed.hostname,
    port: parsed.port === '' ? undefined : Number(parsed.port),
    secure: parsed.protocol === 'smtps:',
    // nodemailer's defaults (up to 10 min idle) would hold a shutdown that long; a stuck upstream is
    // better treated as down, and the message retried.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
    ...(parsed.username === ''
      ? {}
      : {
          auth: {
            user: decodeURIComponent(parsed.username),
            pass: decodeURIComponent(parsed.password),
          },
        }),
  });
  return {
    send: async (from, to, raw) => {
      try {
        const info = (await transport.sendMail({ envelope: { from, to: [to] }, raw })) as {
          response: string;
        };
        return { kind: 'accepted', response: info.response };
      } catch (error) {
        return failure(error as SmtpFailure);
      }
    },
    close: () => transport.close(),
  };
}

function failure(error: SmtpFailure): UpstreamResult {
  const code = error.responseCode;
  const text = stripCode(error.response ?? error.message);
  if (code !== undefined && code >= 500 && code < 600) {
    return { kind: 'rejected', replyCode: code, text, command: error.command ?? null };
  }
  return { kind: 'deferred', replyCode: code ?? null, text };
}

/** nodemailer's `response` is the whole reply, code first; classifySmtpReply takes the text. */
function stripCode(response: string): string {
  return /^\d{3}[ -]/.test(response) ? response.slice(4) : response;
}
