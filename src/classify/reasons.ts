/**
 * The one taxonomy table. Every layer (classifier, policy, API, dashboard, docs) reads reasons,
 * kinds and descriptions from here; nothing else may list them.
 *
 * Reason names are the 34 that Sisimai made the common language of bounce handling.
 * `kind` says whom a failure blames and therefore what the policy does with it:
 *   hard         the address cannot receive mail: block at once
 *   soft         a temporary failure on the recipient's side: counts toward the soft streak
 *   sender       the *sender* was refused (blocklist, reputation, authentication, content): the
 *                address is not at fault and is never blocked for it
 *   complaint    the recipient reported the mail as spam (feedback loop)
 *   autoreply    an automatic reply (out of office): not a bounce
 *   delivered    a delivery report: the address works
 *   undetermined no reason could be told; the policy treats it as soft
 * `rank` breaks ties when the text of one reply matches phrases of several reasons: the higher wins.
 */
export type Kind = 'hard' | 'soft' | 'sender' | 'complaint' | 'autoreply' | 'delivered' | 'undetermined';

export interface ReasonSpec {
  readonly kind: Kind;
  readonly rank: number;
  readonly en: string;
  readonly fr: string;
}

export const REASONS = {
  authfailure: {
    kind: 'sender',
    rank: 86,
    en: 'The sending domain failed SPF, DKIM or DMARC checks at the receiving server.',
    fr: "Le domaine d'envoi a échoué aux contrôles SPF, DKIM ou DMARC du serveur destinataire.",
  },
  badreputation: {
    kind: 'sender',
    rank: 84,
    en: "The receiving server refused the mail because of the sending IP or domain's poor reputation.",
    fr: "Le serveur destinataire a refusé le message à cause de la mauvaise réputation de l'IP ou du domaine d'envoi.",
  },
  blocked: {
    kind: 'sender',
    rank: 85,
    en: 'The sending IP address is blocklisted or was refused by the receiving server.',
    fr: "L'adresse IP d'envoi est sur une liste de blocage ou a été refusée par le serveur destinataire.",
  },
  contenterror: {
    kind: 'sender',
    rank: 60,
    en: 'The message content (headers, MIME structure, encoding) was refused as invalid.',
    fr: 'Le contenu du message (en-têtes, structure MIME, encodage) a été refusé comme invalide.',
  },
  delivered: {
    kind: 'delivered',
    rank: 10,
    en: 'The message was delivered.',
    fr: 'Le message a été remis.',
  },
  exceedlimit: {
    kind: 'soft',
    rank: 62,
    en: "The message exceeded a limit set by the recipient's mailbox (size or count).",
    fr: 'Le message a dépassé une limite de la boîte du destinataire (taille ou nombre).',
  },
  expired: {
    kind: 'soft',
    rank: 40,
    en: 'Delivery was retried until the queue lifetime expired without success.',
    fr: "La remise a été retentée jusqu'à expiration du délai de la file d'attente, sans succès.",
  },
  feedback: {
    kind: 'complaint',
    rank: 100,
    en: 'The recipient reported the message as spam (feedback loop report).',
    fr: 'Le destinataire a signalé le message comme spam (rapport de boucle de rétroaction).',
  },
  filtered: {
    kind: 'soft',
    rank: 58,
    en: "The recipient's own filter or settings refused the message (the address exists).",
    fr: "Un filtre ou un réglage du destinataire a refusé le message (l'adresse existe).",
  },
  hasmoved: {
    kind: 'hard',
    rank: 92,
    en: 'The recipient has moved to another address and this one no longer receives mail.',
    fr: "Le destinataire a changé d'adresse et celle-ci ne reçoit plus de courrier.",
  },
  hostunknown: {
    kind: 'hard',
    rank: 90,
    en: 'The recipient domain does not exist or has no mail server.',
    fr: "Le domaine du destinataire n'existe pas ou n'a pas de serveur de messagerie.",
  },
  mailboxfull: {
    kind: 'soft',
    rank: 80,
    en: "The recipient's mailbox is full.",
    fr: 'La boîte aux lettres du destinataire est pleine.',
  },
  mailererror: {
    kind: 'soft',
    rank: 50,
    en: "A program on the recipient's server (mailer, filter, delivery agent) failed.",
    fr: 'Un programme du serveur destinataire (agent de remise, filtre) a échoué.',
  },
  mesgtoobig: {
    kind: 'soft',
    rank: 75,
    en: 'The message is larger than the receiving server accepts.',
    fr: 'Le message est plus gros que ce que le serveur destinataire accepte.',
  },
  networkerror: {
    kind: 'soft',
    rank: 45,
    en: 'The receiving server could not be reached (DNS, routing or connection failure).',
    fr: "Le serveur destinataire n'a pas pu être joint (DNS, routage ou connexion).",
  },
  norelaying: {
    kind: 'soft',
    rank: 70,
    en: 'The receiving server refused to relay the message for this domain.',
    fr: 'Le serveur destinataire a refusé de relayer le message pour ce domaine.',
  },
  notaccept: {
    kind: 'hard',
    rank: 88,
    en: 'The recipient domain accepts no mail at all (null MX or no working mail server).',
    fr: "Le domaine du destinataire n'accepte aucun courrier (MX nul ou aucun serveur actif).",
  },
  notcompliantrfc: {
    kind: 'sender',
    rank: 64,
    en: 'The message does not comply with the RFCs (e.g. duplicate or malformed headers).',
    fr: 'Le message ne respecte pas les RFC (en-têtes dupliqués ou mal formés, par exemple).',
  },
  onhold: {
    kind: 'undetermined',
    rank: 5,
    en: 'The failure is reported but its cause could not be told yet.',
    fr: "L'échec est signalé mais sa cause n'a pas encore pu être déterminée.",
  },
  policyviolation: {
    kind: 'sender',
    rank: 66,
    en: 'The message broke a policy of the receiving organisation (content, attachment, sender rules).',
    fr: "Le message a enfreint une règle de l'organisation destinataire (contenu, pièce jointe, expéditeur).",
  },
  rejected: {
    kind: 'sender',
    rank: 68,
    en: 'The envelope sender (the return path) was refused.',
    fr: "L'expéditeur d'enveloppe (adresse de retour) a été refusé.",
  },
  requireptr: {
    kind: 'sender',
    rank: 83,
    en: 'The sending IP has no valid reverse DNS (PTR) record.',
    fr: "L'IP d'envoi n'a pas d'enregistrement DNS inverse (PTR) valide.",
  },
  securityerror: {
    kind: 'sender',
    rank: 72,
    en: 'A security requirement failed: authentication, TLS or certificate.',
    fr: "Une exigence de sécurité n'est pas remplie : authentification, TLS ou certificat.",
  },
  spamdetected: {
    kind: 'sender',
    rank: 82,
    en: 'The receiving server judged the message to be spam.',
    fr: 'Le serveur destinataire a jugé que le message était du spam.',
  },
  speeding: {
    kind: 'sender',
    rank: 74,
    en: 'The sender sent too much too fast and was rate-limited.',
    fr: "L'expéditeur a envoyé trop de messages trop vite et a été limité.",
  },
  suspend: {
    kind: 'soft',
    rank: 78,
    en: "The recipient's mailbox is suspended or disabled.",
    fr: 'La boîte aux lettres du destinataire est suspendue ou désactivée.',
  },
  syntaxerror: {
    kind: 'sender',
    rank: 30,
    en: 'The sending server made an SMTP syntax error.',
    fr: "Le serveur d'envoi a commis une erreur de syntaxe SMTP.",
  },
  systemerror: {
    kind: 'soft',
    rank: 42,
    en: 'The receiving server had an internal error or a misconfiguration.',
    fr: 'Le serveur destinataire a rencontré une erreur interne ou une mauvaise configuration.',
  },
  systemfull: {
    kind: 'soft',
    rank: 76,
    en: "The receiving server's disk or queue is full.",
    fr: "Le disque ou la file d'attente du serveur destinataire est plein.",
  },
  toomanyconn: {
    kind: 'sender',
    rank: 73,
    en: 'The sender opened too many connections or sent too many recipients at once.',
    fr: "L'expéditeur a ouvert trop de connexions ou envoyé à trop de destinataires à la fois.",
  },
  undefined: {
    kind: 'undetermined',
    rank: 0,
    en: 'The message bounced but nothing in it tells why.',
    fr: "Le message est revenu en erreur mais rien n'indique pourquoi.",
  },
  userunknown: {
    kind: 'hard',
    rank: 95,
    en: 'The recipient address does not exist at its domain.',
    fr: "L'adresse du destinataire n'existe pas sur son domaine.",
  },
  vacation: {
    kind: 'autoreply',
    rank: 20,
    en: 'An automatic reply (out of office, vacation): not a bounce.',
    fr: "Une réponse automatique (absence, congés) : ce n'est pas un rejet.",
  },
  virusdetected: {
    kind: 'sender',
    rank: 81,
    en: 'The receiving server found a virus or malware in the message.',
    fr: 'Le serveur destinataire a détecté un virus ou un logiciel malveillant dans le message.',
  },
} as const satisfies Record<string, ReasonSpec>;

export type Reason = keyof typeof REASONS;

export const REASON_NAMES = Object.keys(REASONS) as Reason[];

export function isReason(name: string): name is Reason {
  return Object.hasOwn(REASONS, name);
}

export function kindOf(reason: Reason): Kind {
  return REASONS[reason].kind;
}

/**
 * Sisimai's hard-bounce semantics: the address itself is dead. `notaccept` is hard only when the
 * failure is permanent (a 4xx reply or a "temporary" text means the domain may come back).
 */
export function isHardBounce(
  reason: Reason,
  replyCode: number | null,
  status: string | null,
  text: string,
): boolean {
  if (reason === 'userunknown' || reason === 'hostunknown' || reason === 'hasmoved') return true;
  if (reason !== 'notaccept') return false;
  if (replyCode !== null && replyCode >= 400 && replyCode < 500) return false;
  if (status !== null && status.startsWith('4')) return false;
  return !text.toLowerCase().includes('temporar');
}
