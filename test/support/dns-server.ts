/**
 * An authoritative DNS server for tests: UDP on 127.0.0.1, a free port, answering from a zone given
 * as plain records. Names not in the zone get NXDOMAIN; a name present without the asked type gets
 * an empty NOERROR answer (NODATA), as a real server would. Point a `node:dns` Resolver at
 * `server.address` to use it. Nothing leaves the machine.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import dnsPacket from 'dns-packet';

export interface ZoneRecords {
  A?: string[];
  AAAA?: string[];
  MX?: { exchange: string; priority: number }[];
  TXT?: string[];
}

/** Lower-case names without the trailing dot -> their records. */
export type Zone = Record<string, ZoneRecords>;

export interface DnsServer {
  /** `127.0.0.1:PORT`, for `Resolver.setServers`. */
  address: string;
  port: number;
  /** Replaces the zone: later queries see the new records (a listing that appears or goes). */
  setZone(zone: Zone): void;
  /** Every question asked so far, as `TYPE name`. */
  queries: string[];
  close(): Promise<void>;
}

const TTL = 60;

export async function startDnsServer(initial: Zone): Promise<DnsServer> {
  let zone = normalise(initial);
  const queries: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message: Buffer, peer: RemoteInfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: a real server drops it too
    }
    const question = query.questions?.[0];
    if (question === undefined) return;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    queries.push(`${question.type} ${name}`);
    const records = zone.get(name);
    const answers = records === undefined ? [] : answersFor(name, question.type, records);
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      // Authoritative answer, and NXDOMAIN (rcode 3) when the name does not exist at all.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (records === undefined ? 3 : 0),
      questions: [question],
      answers,
    });
    socket.send(response, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    setZone: (next) => {
      zone = normalise(next);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function normalise(zone: Zone): Map<string, ZoneRecords> {
  return new Map(
    Object.entries(zone).map(([name, records]) => [name.toLowerCase().replace(/\.$/, ''), records]),
  );
}

function answersFor(name: string, type: string, records: ZoneRecords): dnsPacket.Answer[] {
  switch (type) {
    case 'A':
      return (records.A ?? []).map((data) => ({ type: 'A', name, ttl: TTL, data }));
    case 'AAAA':
      return (records.AAAA ?? []).map((data) => ({ type: 'AAAA', name, ttl: TTL, data }));
    case 'MX':
      return (records.MX ?? []).map(({ exchange, priority }) => ({
        type: 'MX',
        name,
        ttl: TTL,
        data: { exchange, preference: priority },
      }));
    case 'TXT':
      return (records.TXT ?? []).map((data) => ({ type: 'TXT', name, ttl: TTL, data }));
    default:
      return [];
  }
}
