/**
 * Enhanced status codes (RFC 3463) for refusals smtp-server cannot guess. A hook's error gets the code
 * smtp-server maps from the basic one (552 -> 5.2.2, "mailbox full"), while a message over the account's
 * size limit must be 552 5.3.4 and a sender not allowed 553 5.7.1. smtp-server has the right codes as
 * named contexts (MESSAGE_TOO_BIG, POLICY_VIOLATION, SPAM_REJECTED) but hooks cannot pass one; so a
 * refusal made here carries its context in front of the text, and each connection's `send` (a public
 * method) takes it from there.
 */
import type { SMTPServer } from 'smtp-server';

export type ReplyContext = 'MESSAGE_TOO_BIG' | 'POLICY_VIOLATION' | 'SPAM_REJECTED';

export interface ReplyError extends Error {
  responseCode: number;
}

const MARK = /^\[(MESSAGE_TOO_BIG|POLICY_VIOLATION|SPAM_REJECTED)\] /;

export function refusal(code: number, text: string, context?: ReplyContext): ReplyError {
  const message = context === undefined ? text : `[${context}] ${text}`;
  return Object.assign(new Error(message), { responseCode: code });
}

/** Makes every connection of this server honour the context in front of a refusal's text. */
export function honourReplyContexts(server: SMTPServer): void {
  const connect = server.connect.bind(server);
  server.connect = (socket, options) => {
    const before = new Set(server.connections);
    connect(socket, options);
    for (const connection of server.connections) {
      if (before.has(connection)) continue;
      const send = connection.send.bind(connection);
      connection.send = (code, data, context) => {
        const match = typeof data === 'string' ? MARK.exec(data) : null;
        if (match === null || typeof data !== 'string') return send(code, data, context);
        return send(code, data.slice(match[0].length), match[1]);
      };
    }
  };
}
