/**
 * Errors for smtp-server's hooks: a hook refuses by passing an Error with `responseCode`; without one,
 * smtp-server answers 450 (or 550 at RCPT). The code comes from the one catalogue in src/errors.ts;
 * smtp-server adds the enhanced status code itself from the basic one.
 */
import { ERRORS, type ErrorCode } from '../../errors.js';

export interface SmtpError extends Error {
  responseCode: number;
}

export function smtpError(code: ErrorCode, text: string): SmtpError {
  const error = new Error(text) as SmtpError;
  error.responseCode = Number(ERRORS[code].smtp.slice(0, 3));
  return error;
}
