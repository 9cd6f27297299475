/** Structured logging, as pino (Fastify's logger) takes it. */
export interface MailboxLog {
  debug(data: object, message: string): void;
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}
