/**
 * The Rules page's field names in people's words: a label and a one-line help per field of each
 * settings area, in English and French. The end-to-end test holds them to the fields the API returns, so
 * a field added on the server fails it until it has its words here (the page shows the API name
 * meanwhile).
 */

interface Words {
  label: string;
  help: string;
}
type FieldWords = { en: Words; fr: Words };

const policy = {
  softBounceRetries: {
    en: {
      label: 'Soft bounces tolerated',
      help: 'After the first one: 5 means the 6th soft bounce in a row blocks.',
    },
    fr: {
      label: 'Rebonds temporaires tolérés',
      help: 'Après le premier : 5 signifie que le 6e rebond temporaire d’affilée bloque.',
    },
  },
  complaintsBlock: {
    en: { label: 'A complaint blocks', help: 'A recipient who reports the mail as spam is blocked.' },
    fr: {
      label: 'Une plainte bloque',
      help: 'Un destinataire qui signale le message comme spam est bloqué.',
    },
  },
  softStreakExpiryDays: {
    en: {
      label: 'Soft-bounce streak expires after (days)',
      help: 'Days without a soft bounce after which the next one starts a new count. Empty: never.',
    },
    fr: {
      label: 'Série de rebonds temporaires oubliée après (jours)',
      help: 'Jours sans rebond temporaire après lesquels le suivant recommence le compte. Vide : jamais.',
    },
  },
  hardBlockExpiryDays: {
    en: {
      label: 'Bounce blocks re-checked after (days)',
      help: 'The sweep re-verifies a block from a bounce this old and lifts it. Empty: never.',
    },
    fr: {
      label: 'Blocages revérifiés après (jours)',
      help: 'Le balayage revérifie un blocage dû à un rebond de cet âge et le lève. Vide : jamais.',
    },
  },
  maxUnblocks: {
    en: { label: 'Unblocks allowed per address', help: 'How many times one address may be unblocked.' },
    fr: {
      label: 'Déblocages permis par adresse',
      help: 'Combien de fois une même adresse peut être débloquée.',
    },
  },
  unblockProbe: {
    en: {
      label: 'Probe the mailbox on unblock requests',
      help: "Asks the domain's mail server whether it takes the recipient (no message is sent).",
    },
    fr: {
      label: 'Sonder la boîte aux demandes de déblocage',
      help: 'Demande au serveur de messagerie du domaine s’il accepte le destinataire (aucun message envoyé).',
    },
  },
  autoApproveAfterDays: {
    en: {
      label: 'Approve old hard-bounce blocks alone after (days)',
      help: 'A request for a block at least this old, at a domain with mail and no complaint, is approved. Empty: never.',
    },
    fr: {
      label: 'Approuver seuls les vieux blocages après (jours)',
      help: 'Une demande pour un blocage d’au moins cet âge, domaine joignable, sans plainte, est approuvée. Vide : jamais.',
    },
  },
};

const alerts = {
  windowHours: {
    en: { label: 'Window (hours)', help: 'Rates are measured over this many past hours.' },
    fr: { label: 'Fenêtre (heures)', help: 'Les taux sont mesurés sur ce nombre d’heures passées.' },
  },
  minSends: {
    en: { label: 'Minimum sends', help: 'Below this many sends in the window, a rate is not judged.' },
    fr: { label: 'Envois minimum', help: 'Sous ce nombre d’envois dans la fenêtre, un taux n’est pas jugé.' },
  },
  bounceWarn: {
    en: { label: 'Bounce rate: warning', help: 'A fraction: 0.05 is 5 %.' },
    fr: { label: 'Taux de rebond : avertissement', help: 'Une fraction : 0,05 vaut 5 %.' },
  },
  bounceCritical: {
    en: { label: 'Bounce rate: critical', help: 'A fraction: 0.1 is 10 %.' },
    fr: { label: 'Taux de rebond : critique', help: 'Une fraction : 0,1 vaut 10 %.' },
  },
  complaintWarn: {
    en: { label: 'Complaint rate: warning', help: 'A fraction: 0.001 is 0.1 %.' },
    fr: { label: 'Taux de plainte : avertissement', help: 'Une fraction : 0,001 vaut 0,1 %.' },
  },
  complaintCritical: {
    en: { label: 'Complaint rate: critical', help: 'A fraction: 0.005 is 0.5 %.' },
    fr: { label: 'Taux de plainte : critique', help: 'Une fraction : 0,005 vaut 0,5 %.' },
  },
  hysteresis: {
    en: {
      label: 'Hysteresis',
      help: 'An alert closes under warning × (1 − this), so it does not flap at the line.',
    },
    fr: {
      label: 'Hystérésis',
      help: 'Une alerte se ferme sous avertissement × (1 − ceci), pour ne pas clignoter au seuil.',
    },
  },
  autoPause: {
    en: {
      label: 'Pause on critical',
      help: 'A critical alert pauses sending for its scope until an admin resumes.',
    },
    fr: {
      label: 'Pause au seuil critique',
      help: 'Une alerte critique suspend les envois de sa portée jusqu’à la reprise par un admin.',
    },
  },
  emails: {
    en: { label: 'Emailed on alerts', help: 'Who gets an email when an alert opens, escalates or closes.' },
    fr: {
      label: 'Destinataires des alertes',
      help: 'Qui reçoit un e-mail quand une alerte s’ouvre, s’aggrave ou se ferme.',
    },
  },
};

const guard = {
  sendingIps: {
    en: { label: 'Sending IPs', help: 'The IPs your mail leaves from, checked against the IP blocklists.' },
    fr: {
      label: 'IP d’envoi',
      help: 'Les IP d’où part votre courrier, vérifiées dans les listes de blocage d’IP.',
    },
  },
  sendingDomains: {
    en: {
      label: 'Sending domains',
      help: 'The domains your mail is sent from, checked against the domain blocklists.',
    },
    fr: {
      label: 'Domaines d’envoi',
      help: 'Les domaines d’où part votre courrier, vérifiés dans les listes de blocage de domaines.',
    },
  },
  ipZones: {
    en: { label: 'IP blocklists', help: 'DNS blocklist zones asked about each sending IP.' },
    fr: {
      label: 'Listes de blocage d’IP',
      help: 'Zones DNS de listes de blocage interrogées pour chaque IP d’envoi.',
    },
  },
  domainZones: {
    en: { label: 'Domain blocklists', help: 'DNS blocklist zones asked about each sending domain.' },
    fr: {
      label: 'Listes de blocage de domaines',
      help: 'Zones DNS de listes de blocage interrogées pour chaque domaine d’envoi.',
    },
  },
  checkIntervalMinutes: {
    en: {
      label: 'Check every (minutes)',
      help: 'Minutes between scheduled blocklist checks; 0 turns the schedule off.',
    },
    fr: {
      label: 'Vérifier toutes les (minutes)',
      help: 'Minutes entre deux vérifications planifiées ; 0 arrête le planning.',
    },
  },
  holdMode: {
    en: {
      label: 'Hold mode',
      help: 'hold: mail to a refusing domain waits; slow: one minute in every few still sends.',
    },
    fr: {
      label: 'Mode de retenue',
      help: 'hold : le courrier vers un domaine qui refuse attend ; slow : une minute de temps en temps passe.',
    },
  },
  slowEveryMinutes: {
    en: {
      label: 'Slow mode: send every (minutes)',
      help: 'In slow mode, held mail goes one minute in every this many.',
    },
    fr: {
      label: 'Mode lent : envoyer toutes les (minutes)',
      help: 'En mode lent, le courrier retenu part une minute sur ce nombre.',
    },
  },
  openThreshold: {
    en: {
      label: 'Rejections to open an incident',
      help: 'Sender rejections from one domain before an incident opens.',
    },
    fr: {
      label: 'Refus avant incident',
      help: 'Refus de l’expéditeur par un même domaine avant qu’un incident s’ouvre.',
    },
  },
  quietHours: {
    en: {
      label: 'Quiet hours to close',
      help: 'An incident closes after this many hours without a new rejection.',
    },
    fr: {
      label: 'Heures calmes avant fermeture',
      help: 'Un incident se ferme après ces heures sans nouveau refus.',
    },
  },
  repair: {
    en: {
      label: 'Restore wrongly blocked addresses',
      help: 'Addresses blocked by sender-side rejections are unblocked.',
    },
    fr: {
      label: 'Rétablir les adresses bloquées à tort',
      help: 'Les adresses bloquées par des refus visant l’expéditeur sont débloquées.',
    },
  },
  repairMinRecipients: {
    en: {
      label: 'Recipients needed to restore',
      help: 'Distinct recipients whose rejections name the same list or IP before any restore.',
    },
    fr: {
      label: 'Destinataires requis pour rétablir',
      help: 'Destinataires distincts dont les refus nomment la même liste ou IP avant tout rétablissement.',
    },
  },
  repairLookbackDays: {
    en: {
      label: 'Restore blocks from the last (days)',
      help: 'Only blocks this recent, before the incident, are restored.',
    },
    fr: {
      label: 'Rétablir les blocages des derniers (jours)',
      help: 'Seuls les blocages aussi récents, avant l’incident, sont rétablis.',
    },
  },
};

const sending = {
  maxMessageBytes: {
    en: { label: 'Largest message (bytes)', help: 'Messages larger than this are refused before sending.' },
    fr: {
      label: 'Message le plus gros (octets)',
      help: 'Les messages plus gros sont refusés avant l’envoi.',
    },
  },
  allowedSenders: {
    en: { label: 'Allowed senders', help: 'Domains or addresses the account may send from; empty: any.' },
    fr: {
      label: 'Expéditeurs permis',
      help: 'Domaines ou adresses d’où le compte peut envoyer ; vide : tous.',
    },
  },
  rateLimits: {
    en: {
      label: 'Delivery rate per receiving domain',
      help: 'Per domain (or * for each other one): { "perMinute": n, "burst": n }.',
    },
    fr: {
      label: 'Débit de livraison par domaine destinataire',
      help: 'Par domaine (ou * pour chacun des autres) : { "perMinute": n, "burst": n }.',
    },
  },
  spamCheck: {
    en: {
      label: 'Spam check',
      help: '{ "mode": off, warn or refuse, "threshold": SpamAssassin score }.',
    },
    fr: {
      label: 'Contrôle anti-spam',
      help: '{ "mode" : off, warn ou refuse, "threshold" : score SpamAssassin }.',
    },
  },
};

export const SETTINGS_FIELDS: Record<string, Record<string, FieldWords> | undefined> = {
  policy,
  alerts,
  guard,
  sending,
};
