import type { PhraseList } from './phrase.js';

/** securityerror: a security requirement failed: SMTP authentication, TLS or a certificate. */
export const securityerror: PhraseList = [
  // SMTP authentication
  // 530 5.7.0 Authentication required / 530 5.5.1 Authentication Required (Gmail, Exchange RESOLVER.RST.AuthRequired)
  'authentication required',
  'authentication is required',
  'auth required',
  'authrequired',
  'authentification requise',
  'must authenticate',
  'please authenticate',
  'smtp authentication',
  'smtp auth required',
  'authentication turned on in your email client',
  // 535 5.7.8 Authentication credentials invalid / 535 5.7.1 Username and Password not accepted
  'authentication credentials invalid',
  ['535', 'authentication failure'],
  'smtp authentication failure',
  'authentication failed',
  'authentication unsuccessful',
  'username and password not accepted',
  'invalid credentials',
  'application-specific password required',
  'please log in with your web browser',
  'please log in through your web browser',
  'too many login attempts',
  'no identity changes permitted',
  "code d'authentification invalide",
  // 550 Unauthenticated senders not allowed (SendGrid) / 550 5.7.1 Client was not authenticated (Exchange)
  'unauthenticated senders not allowed',
  'client was not authenticated',
  'not authenticated to send anonymous mail',
  'cannot achieve exchange server authentication',
  'you are not authorized to send mail, authentication is required',
  "sorry, you don't authenticate",
  // 550 5.7.515 Access denied, sending domain example.com doesn't meet the required authentication level (Outlook.com)
  'required authentication level',
  "doesn't meet the authentication requirements",
  // TLS / certificates
  // 530 5.7.0 Must issue a STARTTLS command first / 454 4.7.0 TLS not available
  'must issue a starttls',
  'starttls is required',
  'starttls required',
  'tls required',
  'tls is required',
  'requires tls',
  'require tls',
  'encryption required',
  'encryption is required',
  'must support tls',
  'starttls-not-supported',
  'tls not available',
  'tls negotiation failed',
  'tls handshake failed',
  'tls connection failed',
  'ssl handshake',
  'certificate verification failed',
  'certificate verify failed',
  'certificate-expired',
  'certificate-host-mismatch',
  'certificate has expired',
  'untrusted certificate',
  'self-signed certificate',
  'self signed certificate',
  'tlsa-invalid',
  'dnssec-invalid',
  'failed dane validation',
  'mta-sts',
  // Amazon SES: Account not subscribed to SES / User is not authorized to perform ses:SendRawEmail
  'account not subscribed to ses',
  ['is not authorized to perform', 'ses:send'],
  // Cox: AUP#CXTHRT / AUP#CXMJ (sending limited due to suspicious account activity)
  'aup#cxthrt',
  'aup#cxmj',
  // Orange / La Poste codes _305 (invalid authentication code) and _402 (authentication required)
  ['ofr', '_305'],
  ['lpn', '_402'],
  // Symantec MessageLabs: Please turn on SMTP Authentication in your mail client
  // Exchange: executable attachments in compressed files are not allowed (security scanning)
  'executable files are not allowed in compressed files',
];
