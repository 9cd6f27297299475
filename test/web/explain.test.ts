/**
 * The dashboard's French for the server's texts (web/src/i18n/explain.ts), said from the parts the API
 * gives: loaded through Vite's server-side module loader (the page's modules are TypeScript for the
 * browser), with the little of the browser they read at load (localStorage, navigator) stood in for.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { actionsFor, LIST_PAGES, REASON_ADVICE, type Action } from '../../src/guard/delisting.js';
import { interpret } from '../../src/guard/dnsbl.js';
import type { Reason } from '../../src/classify/reasons.js';

const CONFIG = fileURLToPath(new URL('../../../web/vite.config.ts', import.meta.url));

/** The few of the page's functions these tests call. */
interface Explain {
  stepWhat(step: { step: string; url: string | null; code?: string; params?: object }): string;
  checkMeaning(check: { zone: string; outcome: string; codes?: string[]; meaning: string }): string;
  repairWhy(repair: {
    address: string;
    explanation: string;
    explanationCode?: string;
    explanationParams?: object;
  }): string;
  errorText(failure: unknown, context?: { login?: 'password' | 'key'; role?: 'admin' | 'user' }): string;
}
type ApiErrorClass = new (status: number, message: string, retryAfter?: number, code?: string) => Error;

let vite: ViteDevServer;
let explain: Explain;
let ApiError: ApiErrorClass;
let setLanguage: (language: 'en' | 'fr') => void;

before(async () => {
  const stored = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => stored.set(k, v),
    },
  });
  Object.defineProperty(globalThis, 'navigator', { value: { languages: ['en-GB'] }, configurable: true });
  vite = await createServer({
    configFile: CONFIG,
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: 'custom',
    logLevel: 'silent',
  });
  explain = (await vite.ssrLoadModule('/src/i18n/explain.ts')) as unknown as Explain;
  ApiError = ((await vite.ssrLoadModule('/src/api.ts')) as { ApiError: ApiErrorClass }).ApiError;
  ({ setLanguage } = (await vite.ssrLoadModule('/src/i18n/i18n.ts')) as { setLanguage: typeof setLanguage });
});

after(() => vite.close());

/** Every step the server can give: every known list, an unknown one, every advised reason, a provider. */
function everyStep(receivingDomain: string | null): Action[] {
  return actionsFor({
    sender: '192.0.2.9',
    senderKind: 'ip',
    receivingDomain,
    blocklists: [...Object.keys(LIST_PAGES), 'GBUdb'],
    reasons: Object.keys(REASON_ADVICE) as Reason[],
  });
}

test('every incident step is said in French from its code and params, and in English as the server said it', () => {
  setLanguage('fr');
  const steps = [...everyStep('gmail.com'), ...everyStep(null)];
  assert.equal(new Set(steps.map((s) => s.code)).size, 7, 'every code is seen');
  for (const step of steps) {
    const french = explain.stepWhat(step);
    assert.notEqual(french, step.step, `${step.code} ${JSON.stringify(step.params)} is said in French`);
    // What the English names (the list, the sender, the domain, the provider), the French names too.
    for (const value of Object.values(step.params) as unknown[])
      if (typeof value === 'string' && step.step.includes(value))
        assert.ok(french.includes(value), `${french} names ${value}`);
  }
  const said = (code: string, params: object) =>
    explain.stepWhat({ step: 'English', url: null, code, params });
  assert.equal(
    said('lookup', { list: 'SpamCop', sender: '192.0.2.9' }),
    'Recherchez 192.0.2.9 sur SpamCop : il n’y a pas de demande de retrait : une inscription expire d’elle-même ' +
      'environ 24 heures après la fin des signalements.',
  );
  assert.equal(
    said('advice', { reason: 'speeding', sender: '192.0.2.9', domain: null }),
    'Envoyez plus lentement vers les serveurs de réception : le serveur de réception a limité le débit.',
  );
  assert.equal(said('request-removal', { list: 'Barracuda' }), 'Demandez le retrait auprès de Barracuda.');
  // An older server's step, without its parts, stays English.
  assert.equal(explain.stepWhat({ step: 'Look it up.', url: null }), 'Look it up.');
  setLanguage('en');
  for (const step of everyStep('gmail.com')) assert.equal(explain.stepWhat(step), step.step);
});

test("a blocklist check's meaning in French from its zone, outcome and answer codes", () => {
  setLanguage('fr');
  const said = (zone: string, answers: string[]) =>
    explain.checkMeaning({ zone, codes: answers, ...interpret(zone, answers) });
  assert.equal(said('zen.spamhaus.org', []), 'Non listé sur zen.spamhaus.org.');
  assert.equal(
    said('zen.spamhaus.org', ['127.0.0.4', '127.0.0.10']),
    'Listé sur zen.spamhaus.org : Spamhaus XBL : un hôte compromis ou infecté (CBL) ; Spamhaus PBL : une plage ' +
      'd’utilisateurs finaux qui ne devrait pas envoyer directement (politique du FAI).',
  );
  assert.equal(said('list.example', ['127.0.0.5']), 'Listé sur list.example : code 127.0.0.5.');
  assert.equal(
    said('dbl.spamhaus.org', ['127.255.255.255']),
    'Vérification impossible sur dbl.spamhaus.org : la liste refuse : trop de requêtes depuis ce résolveur.',
  );
  assert.equal(
    said('list.example', ['127.255.255.1']),
    'Vérification impossible sur list.example : la liste a refusé la requête.',
  );
  assert.match(
    said('list.example', ['198.51.100.7']),
    /^Vérification impossible .* a répondu 198\.51\.100\.7, hors de/,
  );
  assert.equal(
    explain.checkMeaning({
      zone: 'bl.spamcop.net',
      outcome: 'unchecked',
      codes: [],
      meaning: 'DNS ETIMEOUT',
    }),
    'Vérification impossible sur bl.spamcop.net : la requête DNS a échoué.',
  );
  assert.equal(
    explain.checkMeaning({ zone: 'z', outcome: 'clear', meaning: 'Not listed on z.' }),
    'Not listed on z.',
  );
  setLanguage('en');
  assert.equal(said('zen.spamhaus.org', ['127.0.0.2']), interpret('zen.spamhaus.org', ['127.0.0.2']).meaning);
});

test("a repair's sentence in French from its parts, else the stored English", () => {
  setLanguage('fr');
  const params = {
    blockedAt: '2025-01-06T09:00:00.000Z',
    reason: 'userunknown',
    receivingDomain: 'bigmail.example',
    tie: { kind: 'ip', ip: '192.0.2.9' },
    incidentId: '7',
  };
  const repair = {
    address: 'm1@bigmail.example',
    explanation: 'English',
    explanationCode: 'repair.sender-refused',
  };
  assert.match(
    explain.repairWhy({ ...repair, explanationParams: params }),
    /^m1@bigmail\.example avait été bloquée le .+ par un refus de bigmail\.example classé userunknown dont le texte cite l’IP cliente 192\.0\.2\.9, comme les refus de l’incident 7 : .+ elle est donc débloquée\.$/,
  );
  assert.match(
    explain.repairWhy({
      ...repair,
      explanationParams: { ...params, tie: { kind: 'list', list: 'Spamhaus' } },
    }),
    /dont le texte cite Spamhaus,/,
  );
  assert.equal(explain.repairWhy({ address: 'm1@bigmail.example', explanation: 'English' }), 'English');
  setLanguage('en');
  assert.equal(explain.repairWhy({ ...repair, explanationParams: params }), 'English');
});

test("the server's error details in French from the problem's code and what the page knows, else the English", () => {
  setLanguage('fr');
  const failure = (code: string | undefined, detail = 'English detail') =>
    new ApiError(409, detail, undefined, code);
  assert.equal(
    explain.errorText(failure('not_blocked')),
    'L’adresse n’est pas bloquée : il n’y a rien à débloquer.',
  );
  assert.equal(
    explain.errorText(failure('unauthorized'), { login: 'password' }),
    'Adresse e-mail ou mot de passe incorrect.',
  );
  assert.equal(
    explain.errorText(failure('unauthorized'), { login: 'key' }),
    'Cette clé d’API est inconnue ou révoquée.',
  );
  assert.equal(
    explain.errorText(failure('forbidden'), { role: 'user' }),
    'Cette action est réservée aux administrateurs.',
  );
  assert.equal(
    explain.errorText(failure('forbidden'), { role: 'admin' }),
    'English detail',
    'a CSRF refusal',
  );
  // A refused field, a request id to quote: the detail is what matters, in the server's words.
  assert.equal(
    explain.errorText(failure('invalid_request', 'softBounceRetries must be >= 0')),
    'softBounceRetries must be >= 0',
  );
  assert.equal(explain.errorText(failure(undefined)), 'English detail');
  assert.equal(explain.errorText(new TypeError('Failed to fetch')), 'Failed to fetch');
  setLanguage('en');
  assert.equal(
    explain.errorText(failure('not_blocked', 'a@b.example is active, not blocked')),
    'a@b.example is active, not blocked',
  );
});
