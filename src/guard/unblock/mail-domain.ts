import { Resolver } from 'node:dns/promises';
import type { MailDomainCheck } from './types.js';

/** The DNS look-ups the check needs; node:dns/promises' Resolver has them. */
export interface MailResolver {
  resolveMx(name: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

/** A Resolver on the given servers (`host:port`), or the system's when none are given. */
export function dnsResolver(servers: readonly string[], timeoutMs: number): Resolver {
  // Two tries: one lost UDP packet should not read as "no mail server".
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return resolver;
}

/** node:dns error codes: the name does not exist / exists without records of that type. */
const NXDOMAIN = 'ENOTFOUND';
const NODATA = 'ENODATA';

/**
 * Can the domain receive mail? RFC 5321 section 5.1: its MX hosts, by preference; with no MX record, the
 * domain's own address is the implicit MX; RFC 7505: a lone MX "." (node gives an empty exchange) says
 * the domain takes no mail. A DNS failure (timeout, SERVFAIL) is `unknown`, never "no mail".
 */
export async function checkMailDomain(resolver: MailResolver, domain: string): Promise<MailDomainCheck> {
  let mx: { exchange: string; priority: number }[];
  try {
    mx = await resolver.resolveMx(domain);
  } catch (error) {
    const code = errorCode(error);
    if (code === NXDOMAIN)
      return noMail(domain, 'nxdomain', `The domain ${domain} does not exist (NXDOMAIN).`);
    if (code !== NODATA) return dnsFailure(domain, 'MX', error);
    mx = [];
  }
  const exchanges = mx.filter((r) => r.exchange !== '' && r.exchange !== '.');
  if (mx.length > 0 && exchanges.length === 0) {
    return noMail(
      domain,
      'null-mx',
      `The domain ${domain} publishes a null MX (RFC 7505): it accepts no mail.`,
    );
  }
  if (exchanges.length > 0) {
    const hosts = exchanges.sort((a, b) => a.priority - b.priority).map((r) => r.exchange.toLowerCase());
    return {
      domain,
      status: 'mail',
      source: 'mx',
      hosts,
      detail: `The domain ${domain} has MX ${hosts.join(', ')}.`,
    };
  }
  return implicitMx(resolver, domain);
}

/** No MX record: the domain's own A or AAAA record makes it its own mail host. */
async function implicitMx(resolver: MailResolver, domain: string): Promise<MailDomainCheck> {
  const found: string[] = [];
  for (const [type, look] of [
    ['A', (n: string) => resolver.resolve4(n)],
    ['AAAA', (n: string) => resolver.resolve6(n)],
  ] as const) {
    try {
      found.push(...(await look(domain)));
    } catch (error) {
      const code = errorCode(error);
      if (code === NXDOMAIN)
        return noMail(domain, 'nxdomain', `The domain ${domain} does not exist (NXDOMAIN).`);
      if (code !== NODATA) return dnsFailure(domain, type, error);
    }
  }
  if (found.length === 0) {
    return noMail(
      domain,
      'no-records',
      `The domain ${domain} has no MX and no A or AAAA record: no mail server.`,
    );
  }
  return {
    domain,
    status: 'mail',
    source: 'implicit-mx',
    hosts: [domain],
    detail: `The domain ${domain} has no MX; its address ${found[0]} serves as the implicit MX (RFC 5321 5.1).`,
  };
}

function noMail(domain: string, source: MailDomainCheck['source'], detail: string): MailDomainCheck {
  return { domain, status: 'no-mail', source, hosts: [], detail };
}

function dnsFailure(domain: string, type: string, error: unknown): MailDomainCheck {
  const code = errorCode(error) ?? (error as Error).message;
  return {
    domain,
    status: 'unknown',
    source: 'dns-error',
    hosts: [],
    detail: `The ${type} look-up for ${domain} failed (${code}): whether it takes mail is not known.`,
  };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
