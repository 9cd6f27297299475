/**
 * A bare SMTP client over a socket, for what nodemailer will not do on purpose: a second RCPT, a SIZE
 * parameter, a connection dropped in the middle of DATA. Replies are read whole (multi-line included).
 */
import { connect, type Socket } from 'node:net';

export interface SmtpTalk {
  greeting: string;
  /** Sends one command line and resolves with the complete reply. */
  command(line: string): Promise<string>;
  /** Sends raw bytes without waiting for anything (the body of DATA). */
  write(bytes: string | Buffer): void;
  /** Resolves with the next complete reply (after the final dot of DATA). */
  reply(): Promise<string>;
  /** Closes the socket abruptly, as a crashed client would. */
  destroy(): void;
  quit(): Promise<void>;
}

export async function talk(port: number): Promise<SmtpTalk> {
  const socket = connect({ host: '127.0.0.1', port });
  const replies = replyReader(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const greeting = await replies.next();
  return {
    greeting,
    command: (line) => {
      socket.write(`${line}\r\n`);
      return replies.next();
    },
    write: (bytes) => void socket.write(bytes),
    reply: () => replies.next(),
    destroy: () => socket.destroy(),
    quit: async () => {
      socket.write('QUIT\r\n');
      await replies.next().catch(() => '');
      socket.end();
    },
  };
}

/** Splits the socket's text into replies: a reply ends with a line whose fourth character is a space. */
function replyReader(socket: Socket): { next(): Promise<string> } {
  let buffer = '';
  let lines: string[] = [];
  const ready: string[] = [];
  const waiting: { resolve(reply: string): void; reject(error: Error): void }[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    buffer += text;
    let end = buffer.indexOf('\r\n');
    while (end >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      lines.push(line);
      if (line[3] !== '-') {
        ready.push(lines.join('\n'));
        lines = [];
      }
      end = buffer.indexOf('\r\n');
    }
    while (ready.length > 0 && waiting.length > 0) waiting.shift()?.resolve(ready.shift() as string);
  });
  const fail = (): void => {
    for (const w of waiting.splice(0)) w.reject(new Error('connection closed'));
  };
  socket.on('close', fail);
  socket.on('error', fail);
  return {
    next: () => {
      const reply = ready.shift();
      if (reply !== undefined) return Promise.resolve(reply);
      if (socket.destroyed) return Promise.reject(new Error('connection closed'));
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
  };
}
