/**
 * The server's explanations on a page in another language. The API writes its sentences in English; for
 * the most-read ones it also gives what they are made of (an address's explanationCode and params, a
 * history entry's columns, an alert's figures, an incident's facts and its steps' codes, a blocklist
 * check's answer codes, a repair's parts, a pause's scope and author, an unblock request's checks and
 * decision, an error's code), and a language listed here says them in its own words from those.
 * Anything else, or anything without its parts (an older record), stays the server's English.
 * docs/dashboard.md ("Languages") lists which texts are translated.
 */
import type { ErrorCode } from '../../../src/errors.js';
import type { ActionParts } from '../../../src/guard/delisting.js';
import { ApiError, session } from '../api.js';
import { codeMeaning, isRefusal, readCheck, type Reading } from '../../../src/guard/dnsbl-answers.js';
import { ADVICE, ANSWER_CODES_FR, LIST_NOTES, REFUSALS_FR } from './guard-fr.js';
import { formatDate, formatNumber, formatPercent, language, reasonText, type Language } from './i18n.js';

type Reason = string | null;

export interface Explained {
  explanation: string;
  explanationCode?: 'address.active' | 'address.soft' | 'address.blocked';
  explanationParams?: {
    count?: number;
    limit?: number;
    reason?: Reason;
    staleAt?: string | null;
    since?: string | null;
  };
}

export interface AlertFigures {
  metric: 'bounce' | 'complaint';
  level: 'warn' | 'critical';
  state: 'open' | 'closed';
  rate: number;
  count?: number;
  sent?: number;
  threshold?: number;
  windowHours?: number;
  explanation: string;
}

export interface DomainCheck {
  domain?: string;
  status?: 'mail' | 'no-mail' | 'unknown';
  source?: 'mx' | 'implicit-mx' | 'null-mx' | 'nxdomain' | 'no-records' | 'dns-error';
  hosts?: string[];
  detail?: string;
}

export interface RequestParts {
  explanation: string;
  decision: { state: 'approved' | 'denied'; at: string; by: string; note: string; automatic: boolean } | null;
  checks: {
    domain?: DomainCheck;
    block?: {
      reason?: Reason;
      complaint?: boolean;
      ageDays?: number | null;
      unblocks?: number;
      maxUnblocks?: number;
    };
  };
}

/** A state change in an address's history: what the event was made of (its cause's columns). */
export interface StateChange {
  type: string;
  at: string;
  reason: string | null;
  kind: string | null;
  status: string | null;
  from?: string;
  to?: string;
  actor?: string;
  note?: string;
  explanation?: string;
}

export interface IncidentParts {
  state: 'pending' | 'open' | 'closed';
  sender: string;
  receivingDomain: string | null;
  blocklists: string[];
  rejections: number;
  recipientCount: number;
  firstSeen: string;
  closedAt?: string | null;
  closedBy?: string | null;
  closeNote?: string | null;
  hold?: { mode: 'hold' | 'slow'; domain: string } | null;
  explanation: string;
}

export interface PauseParts {
  scope: { kind: 'account' | 'campaign' | 'domain'; campaign?: string; domain?: string };
  /** The alert that paused it; the note is then that alert's English sentence. */
  alertId?: string | null;
  actor?: string;
  note?: string;
  explanation: string;
}

/** An incident's suggested step: the server's English, and its code and params (none on an older server). */
export type IncidentStep = { step: string; url: string | null } & (
  ActionParts | { code?: undefined; params?: undefined }
);

/** A sender-incident repair: the stored English, and its parts when the server could read them again. */
export interface RepairParts {
  address: string;
  explanation: string;
  explanationCode?: 'repair.sender-refused';
  explanationParams?: {
    blockedAt: string;
    reason: string | null;
    receivingDomain: string;
    tie: { kind: 'list'; list: string } | { kind: 'ip'; ip: string };
    incidentId: string;
  };
}

/** What the page knows about a failed request beyond the error's code. */
export interface ErrorContext {
  /** The login form's way in, when it is the login that failed. */
  login?: 'password' | 'key';
  /** The signed-in person's role. */
  role?: 'admin' | 'user';
}

/** A stored DNS blocklist check: its zone, outcome and answer codes, and the server's sentence. */
export interface CheckParts {
  zone: string;
  outcome: 'listed' | 'clear' | 'unchecked';
  codes?: string[];
  meaning: string;
}

/** The guard settings an incident's sentence quotes (GET /v1/settings/guard). */
export interface IncidentRules {
  openThreshold: number;
  quietHours: number;
  slowEveryMinutes: number;
}

/** What a language says in its own words; each returns undefined when the parts are missing. */
interface Sentences {
  address(view: Explained): string | undefined;
  check(zone: string, reading: Reading): string | undefined;
  alert(alert: AlertFigures, scope: string): string | undefined;
  change(entry: StateChange): string | undefined;
  domain(check: DomainCheck): string | undefined;
  error(code: string | undefined, context: ErrorContext): string | undefined;
  incident(incident: IncidentParts, rules: IncidentRules): string | undefined;
  pause(pause: PauseParts): string | undefined;
  probeNotRun(code: 'probe-off' | 'no-host' | undefined): string | undefined;
  repair(repair: RepairParts): string | undefined;
  request(request: RequestParts): string | undefined;
  step(step: IncidentStep): string | undefined;
}

/** A reason's meaning as a clause: "la boîte aux lettres du destinataire est pleine". */
function clause(reason: string): string {
  const text = reasonText(reason).replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const french: Sentences = {
  address({ explanationCode: code, explanationParams: p = {} }) {
    const why = (reason: Reason | undefined): string =>
      reason === null || reason === undefined
        ? 'aucune raison enregistrée'
        : reason === 'admin'
          ? 'bloquée par un administrateur'
          : reason === 'complaint'
            ? `plainte : ${clause('feedback')}`
            : clause(reason);
    switch (code) {
      case 'address.active':
        return 'Active : aucun rebond depuis la dernière livraison.';
      case 'address.soft': {
        if (p.count === undefined || p.limit === undefined) return undefined;
        const quiet =
          p.staleAt === null || p.staleAt === undefined
            ? ''
            : `, tout comme une période calme jusqu’au ${formatDate(p.staleAt)}`;
        return (
          `Rebonds temporaires, encore permise : ${p.count} sur ${p.limit} rebonds temporaires d’affilée ` +
          `(dernier : ${why(p.reason)}) ; une livraison met fin à la série${quiet}.`
        );
      }
      case 'address.blocked': {
        const since = p.since === null || p.since === undefined ? 'une date inconnue' : formatDate(p.since);
        return `Bloquée depuis le ${since} : ${why(p.reason)}.`;
      }
      default:
        return undefined;
    }
  },

  alert(a, scope) {
    if (a.count === undefined || a.sent === undefined || a.windowHours === undefined) return undefined;
    const what = a.metric === 'bounce' ? 'Le taux de rebond' : 'Le taux de plainte';
    const measured =
      `${what} de ${scope} est de ${formatPercent(a.rate)} (${formatNumber(a.count)} sur ` +
      `${formatNumber(a.sent)} envois des ${a.windowHours} dernières heures)`;
    if (a.state === 'closed') return `${measured} : alerte fermée.`;
    if (a.threshold === undefined) return `${measured}.`;
    const level = a.level === 'critical' ? 'critique' : 'd’avertissement';
    return `${measured}, au seuil ${level} de ${formatPercent(a.threshold)} ou au-delà.`;
  },

  check(zone, reading) {
    switch (reading.outcome) {
      case 'clear':
        return `Non listé sur ${zone}.`;
      case 'listed': {
        const why = reading.codes.map((c) => codeMeaning(ANSWER_CODES_FR, zone, c) ?? `code ${c}`);
        return `Listé sur ${zone} : ${why.join(' ; ')}.`;
      }
    }
    const cannot = `Vérification impossible sur ${zone}`;
    switch (reading.why) {
      case 'refused':
        return `${cannot} : ${isRefusal(reading.code) ? REFUSALS_FR[reading.code] : 'la liste a refusé la requête'}.`;
      case 'untrusted':
        return (
          `${cannot} : le résolveur a répondu ${reading.answers.join(', ')}, hors de 127.0.0.0/8, ses ` +
          'réponses ne sont donc pas fiables.'
        );
      case 'dns-error':
        return `${cannot} : la requête DNS a échoué${reading.error === undefined ? '' : ` (${reading.error})`}.`;
    }
  },

  change({ type, at, reason, kind, status, from, to, actor, note }) {
    if (type !== 'state-changed') return undefined;
    const on = formatDate(at);
    const code = status === null ? '' : ` (${status})`;
    const said = note === undefined ? '' : ` : « ${note} »`;
    if (to === 'blocked') {
      if (kind === 'complaint' || reason === 'feedback')
        return `Bloquée le ${on} : plainte : ${clause('feedback')}.`;
      if (reason === null)
        return `Bloquée le ${on} par un administrateur${actor ? ` (${actor})` : ''}${said}.`;
      if (kind === 'hard') return `Bloquée le ${on} : rebond permanent : ${clause(reason)}${code}.`;
      return `Bloquée le ${on} : ${clause(reason)}${code} ; trop de rebonds temporaires d’affilée.`;
    }
    if (to === 'soft' && reason !== null)
      return `Rebond temporaire le ${on} : ${clause(reason)}${code}. L’adresse reste permise.`;
    if (to === 'active' && from === 'soft' && reason === null)
      return `Délivrée le ${on} : la série de rebonds temporaires prend fin ; l’adresse est de nouveau active.`;
    if (to === 'active' && from === 'blocked')
      return (
        `Débloquée le ${on}${actor ? ` par ${actor}` : ''}${said} ; l’adresse est de nouveau active et ` +
        'ses rebonds temporaires repartent de 0.'
      );
    return undefined;
  },

  domain({ domain, source, hosts = [] }) {
    if (domain === undefined) return undefined;
    switch (source) {
      case 'mx':
        return `Le domaine ${domain} a pour MX ${hosts.join(', ')}.`;
      case 'implicit-mx':
        return `Le domaine ${domain} n’a pas de MX ; son adresse ${hosts[0] ?? ''} sert de MX implicite (RFC 5321 5.1).`;
      case 'null-mx':
        return `Le domaine ${domain} déclare ne recevoir aucun courrier (MX nul).`;
      case 'nxdomain':
        return `Le domaine ${domain} n’existe pas.`;
      case 'no-records':
        return `Le domaine ${domain} n’a ni MX ni adresse : il ne reçoit pas de courrier.`;
      case 'dns-error':
        return `La recherche DNS pour ${domain} a échoué : on ne sait pas s’il reçoit du courrier.`;
      default:
        return undefined;
    }
  },

  error(code, { login, role }) {
    switch (code as ErrorCode | undefined) {
      case 'invalid_address':
        return 'Cette adresse e-mail n’est pas valide.';
      case 'invalid_cursor':
        return 'Cette page de la liste n’est plus valable : revenez à la première page.';
      case 'unauthorized':
        if (login === 'password') return 'Adresse e-mail ou mot de passe incorrect.';
        if (login === 'key') return 'Cette clé d’API est inconnue ou révoquée.';
        return 'La session a expiré : reconnectez-vous.';
      case 'forbidden':
        // An admin is refused only for a change from another site or without its CSRF token.
        return role === 'user' ? 'Cette action est réservée aux administrateurs.' : undefined;
      case 'not_found':
        return 'Introuvable : cet élément n’existe pas, ou plus, dans ce compte.';
      case 'not_blocked':
        return 'L’adresse n’est pas bloquée : il n’y a rien à débloquer.';
      case 'unblock_limit':
        return 'L’adresse a déjà été débloquée autant de fois que ce compte le permet (réglage maxUnblocks).';
      case 'request_pending':
        return 'Une demande de déblocage de cette adresse attend déjà une décision.';
      case 'request_decided':
        return 'Cette demande de déblocage est déjà décidée.';
      default:
        // The others' details carry what matters (a refused field, a request id to quote): English.
        return undefined;
    }
  },

  incident(i, rules) {
    const lists = i.blocklists.length === 0 ? '' : `, en citant ${i.blocklists.join(' et ')}`;
    const since = formatDate(i.firstSeen);
    const what =
      i.receivingDomain === null
        ? `Une vérification des listes de blocage DNS a trouvé ${i.sender} listé${lists} (${plural(i.rejections, 'inscription')} ` +
          `depuis le ${since}) : les serveurs qui utilisent ces listes refusent son courrier.`
        : `${i.receivingDomain} a refusé le courrier de ${i.sender} ${plural(i.rejections, 'fois', 'fois')} depuis le ` +
          `${since} (${plural(i.recipientCount, 'destinataire')})${lists} : c’est l’expéditeur qui est refusé, ` +
          'pas les destinataires, donc aucun destinataire n’est bloqué pour cela.';
    return `${what} ${incidentStatus(i, rules)}`;
  },

  pause({ scope, alertId, actor, note }) {
    const where =
      scope.kind === 'campaign'
        ? `pour la campagne ${scope.campaign ?? ''}`
        : scope.kind === 'domain'
          ? `vers le domaine ${scope.domain ?? ''}`
          : 'pour tout le compte';
    // An automatic pause's note is the alert's English sentence: the alert itself is on the Alerts page.
    const why =
      alertId !== null && alertId !== undefined
        ? 'automatiquement après une alerte critique'
        : actor === undefined || note === undefined
          ? undefined
          : `par ${actor} : ${note.replace(/\.$/, '')}`;
    if (why === undefined) return undefined;
    return `L’envoi ${where} est suspendu ${why}. Le courrier attend (4xx) jusqu’à ce qu’un administrateur le reprenne.`;
  },

  probeNotRun(code) {
    if (code === 'probe-off') return 'La sonde RCPT est désactivée pour ce compte (réglage unblockProbe).';
    if (code === 'no-host') return 'Aucun serveur de messagerie à interroger.';
    return undefined;
  },

  repair({ address, explanationCode, explanationParams: p }) {
    if (explanationCode !== 'repair.sender-refused' || p === undefined) return undefined;
    const reason = p.reason === null ? '' : ` classé ${p.reason}`;
    const tie = p.tie.kind === 'list' ? p.tie.list : `l’IP cliente ${p.tie.ip}`;
    return (
      `${address} avait été bloquée le ${formatDate(p.blockedAt)} par un refus de ${p.receivingDomain}${reason} ` +
      `dont le texte cite ${tie}, comme les refus de l’incident ${p.incidentId} : le serveur de réception ` +
      'refusait l’expéditeur, pas cette adresse, elle est donc débloquée.'
    );
  },

  request({ decision, checks }) {
    if (decision !== null) {
      const verb = decision.state === 'approved' ? 'Approuvée' : 'Refusée';
      const who = decision.automatic ? 'automatiquement' : `par ${decision.by}`;
      return `${verb} ${who} le ${formatDate(decision.at)} : ${decision.note}`;
    }
    const { block, domain } = checks;
    if (block?.unblocks === undefined || block.maxUnblocks === undefined) return undefined;
    const by = block.complaint
      ? 'une plainte (l’approbation demande le consentement du destinataire)'
      : block.reason === 'admin'
        ? 'un administrateur'
        : block.reason === null || block.reason === undefined
          ? 'une raison inconnue'
          : clause(block.reason);
    const age =
      block.ageDays === null || block.ageDays === undefined ? '' : `, il y a ${block.ageDays} jours`;
    const where = domain === undefined ? undefined : french.domain(domain);
    return (
      `En attente d’un administrateur : bloquée pour ${by}${age} ; débloquée ${block.unblocks} fois ` +
      `sur ${block.maxUnblocks} permises.${where === undefined ? '' : ` ${where}`}`
    );
  },

  step({ code, params }) {
    switch (code) {
      case 'stop-cause':
        return (
          'Trouvez et arrêtez d’abord la cause (un compte ou un hôte compromis, une liste achetée ou ' +
          'périmée, un pic soudain de volume) : les listes réinscrivent vite si elle persiste.'
        );
      case 'lookup':
        return `Recherchez ${params.sender} sur ${params.list} : ${LIST_NOTES[params.list]}`;
      case 'lookup-elsewhere':
        return `Recherchez ${params.sender} sur la page de recherche de ${params.list} et suivez sa procédure de retrait.`;
      case 'request-removal':
        return `Demandez le retrait auprès de ${params.list}.`;
      case 'advice':
        return ADVICE[params.reason]
          .replaceAll('{sender}', params.sender)
          .replaceAll('{domain}', params.domain ?? 'les serveurs de réception');
      case 'provider-support':
        return (
          `Utilisez la page d’assistance aux expéditeurs de ${params.provider} pour ${params.domain}, ` +
          'avec le texte d’un refus et son heure.'
        );
      case 'postmaster':
        return (
          `Écrivez à postmaster@${params.domain} avec le texte du refus, son heure et l’IP d’envoi, ` +
          'depuis une adresse qui n’est pas bloquée.'
        );
      default:
        return undefined;
    }
  },
};

function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatNumber(n)} ${n > 1 ? many : word}`;
}

/** What an incident does now, with the guard settings' figures as the English has them. */
function incidentStatus(i: IncidentParts, rules: IncidentRules): string {
  if (i.state === 'pending')
    return `Il s’ouvre à ${plural(rules.openThreshold, 'refus', 'refus')} ; d’ici là rien n’est retenu.`;
  if (i.state === 'closed') {
    const when = i.closedAt === null || i.closedAt === undefined ? '' : ` le ${formatDate(i.closedAt)}`;
    if (i.closedBy === 'quiet')
      return `Fermé${when} : aucun nouveau refus pendant ${plural(rules.quietHours, 'heure')}.`;
    if (i.closedBy === 'clear') return `Fermé${when} : la vérification DNS ne trouve plus l’inscription.`;
    const note = i.closeNote ? ` : ${i.closeNote}` : '.';
    return `Fermé${when} par ${i.closedBy ?? 'un administrateur'}${note}`;
  }
  const lifts =
    `Il se ferme après ${plural(rules.quietHours, 'heure')} sans nouveau refus, ou quand un ` +
    'administrateur le clôt.';
  if (i.receivingDomain === null) return `Rien n’est retenu pour une inscription seule. ${lifts}`;
  const held =
    i.hold === null || i.hold === undefined
      ? ''
      : i.hold.mode === 'hold'
        ? `Le courrier vers ${i.hold.domain} est retenu en attendant. `
        : `Le courrier vers ${i.hold.domain} est ralenti en attendant : il ne passe qu’une minute sur ` +
          `${rules.slowEveryMinutes}. `;
  return `${held}${lifts}`;
}

const SENTENCES: Partial<Record<Language, Sentences>> = { fr: french };

function local(): Sentences | undefined {
  return SENTENCES[language.value];
}

export function addressWhy(view: Explained): string {
  return local()?.address(view) ?? view.explanation;
}

export function alertWhy(alert: AlertFigures, scope: string): string {
  return local()?.alert(alert, scope) ?? alert.explanation;
}

export function domainCheckText(check: DomainCheck): string {
  return local()?.domain(check) ?? check.detail ?? '';
}

export function probeNotRunText(code: 'probe-off' | 'no-host' | undefined, english: string): string {
  return local()?.probeNotRun(code) ?? english;
}

export function requestWhy(request: RequestParts): string {
  return local()?.request(request) ?? request.explanation;
}

/** A history entry's sentence; only state changes have one. */
export function changeText(entry: StateChange): string | undefined {
  return local()?.change(entry) ?? entry.explanation;
}

export function incidentWhy(incident: IncidentParts, rules: IncidentRules): string {
  return local()?.incident(incident, rules) ?? incident.explanation;
}

export function pauseWhy(pause: PauseParts): string {
  return local()?.pause(pause) ?? pause.explanation;
}

/** An incident's suggested step, without its link (shown beside it). */
export function stepWhat(step: IncidentStep): string {
  return local()?.step(step) ?? step.step;
}

/** A blocklist check's meaning; a record without its codes stays the server's English. */
export function checkMeaning(check: CheckParts): string {
  if (check.codes === undefined) return check.meaning;
  return (
    local()?.check(check.zone, readCheck({ outcome: check.outcome, codes: check.codes })) ?? check.meaning
  );
}

export function repairWhy(repair: RepairParts): string {
  return local()?.repair(repair) ?? repair.explanation;
}

/** A failed request's sentence: from the error's code where the page can say it, else the server's
 * detail (an invalid field's name, a request id to quote, a network failure). */
export function errorText(failure: unknown, context: ErrorContext = {}): string {
  if (!(failure instanceof ApiError)) return (failure as Error).message;
  const role = context.role ?? session.value?.role;
  return local()?.error(failure.code, { ...context, role }) ?? failure.message;
}
