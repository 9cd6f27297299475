/**
 * The French of the guard's data tables, which the server keeps in English: each blocklist's removal
 * rules and each sender reason's advice (src/guard/delisting.ts), the blocklists' answer codes
 * (src/guard/dnsbl-answers.ts). Typed by the server's keys, so a list or
 * reason added there without its French here does not build.
 */
import type { AdvisedReason, ListName } from '../../../src/guard/delisting.js';
import type { ANSWER_CODES, CodedZone, Refusal } from '../../../src/guard/dnsbl-answers.js';

/** Each list's removal rules (LIST_PAGES' notes in src/guard/delisting.ts): every list needs one. */
export const LIST_NOTES: Record<ListName, string> = {
  Spamhaus:
    'une inscription SBL n’est retirée qu’à la demande du réseau (FAI) qui détient l’IP, par son équipe ' +
    'abuse, et aucune autre inscription Spamhaus de cette IP ne peut être retirée avant ; XBL et CSS (un ' +
    'hôte détourné ou infecté) et PBL (une plage qui n’est pas faite pour envoyer du courrier) se retirent ' +
    'depuis cette page une fois la cause corrigée.',
  SpamCop:
    'il n’y a pas de demande de retrait : une inscription expire d’elle-même environ 24 heures après la ' +
    'fin des signalements.',
  Barracuda:
    'les demandes de retrait sont examinées à la main, en général sous un jour : corrigez d’abord la ' +
    'cause et ne demandez qu’une fois.',
  UCEPROTECT:
    'il n’y a pas de demande de retrait gratuite : une inscription de niveau 1 expire d’elle-même 7 jours ' +
    'après le dernier spam (le retrait express payant n’est pas nécessaire) ; les niveaux 2 et 3 listent ' +
    'des réseaux entiers et concernent le propriétaire du réseau.',
  PSBL: 'n’importe qui peut retirer une IP depuis le résultat de la recherche.',
  Invaluement:
    'elle liste les expéditeurs de courrier en masse non sollicité : corrigez la façon dont les adresses ' +
    'sont collectées avant de demander.',
  SURBL:
    'elle liste des domaines trouvés dans le corps des messages, pas des expéditeurs : vérifiez chaque ' +
    'lien et chaque hébergeur d’images du message.',
  URIBL:
    'elle liste des domaines trouvés dans le corps des messages, pas des expéditeurs : vérifiez chaque ' +
    'lien et chaque hébergeur d’images du message ; une demande de retrait demande un compte.',
  Microsoft:
    'la liste propre de Microsoft 365 (les refus 5.7.606 à 5.7.649 la nomment) se quitte par le portail ' +
    'de retrait, une IP à la fois ; les blocages d’Outlook.com (S3140, S3150) passent plutôt par le ' +
    'formulaire d’assistance aux expéditeurs d’Outlook.com.',
  Abusix:
    'le retrait est gratuit depuis le résultat de la recherche, avec un compte dont l’adresse e-mail est ' +
    'confirmée ; une inscription revient aussitôt si le trafic continue.',
  Proofpoint:
    'un retard se lève de lui-même en quelques minutes ; un blocage se lève une fois que le spam a cessé ' +
    'quelque temps, ou sur demande depuis cette page avec le destinataire bloqué, le type de courrier et ' +
    'ce qui a été corrigé.',
  Cloudmark:
    'un service de réputation, pas une liste : il remet à zéro les statistiques d’une IP au lieu de la ' +
    'retirer ; la demande est confirmée par e-mail et traitée en environ un jour ouvré, et une seconde ' +
    'remise à zéro fait l’objet d’une enquête.',
  'Sender Score':
    'la liste de blocage de Validity (bl.score.senderscore.com) liste les IP dont le Sender Score est ' +
    'mauvais : un retrait ne tient que si le score de l’IP remonte.',
  DroneBL:
    'elle liste les hôtes qui se comportent comme des machines compromises ou des proxys ouverts : ' +
    'nettoyez d’abord l’hôte.',
};

/** REASON_ADVICE (src/guard/delisting.ts) in French, with the same {sender} and {domain}. */
export const ADVICE: Record<AdvisedReason, string> = {
  authfailure:
    'Vérifiez l’enregistrement SPF, la signature DKIM et la politique DMARC de {sender} : le serveur de ' +
    'réception a signalé leur échec.',
  requireptr: 'Donnez à {sender} un nom DNS inverse (PTR) dont l’enregistrement A renvoie à cette adresse.',
  badreputation:
    'Vérifiez la réputation de {sender} (Google Postmaster Tools, Microsoft SNDS, Sender Score) et ' +
    'ralentissez jusqu’à ce qu’elle remonte.',
  spamdetected:
    'Revoyez le contenu refusé (liens, formulation, pièces jointes) et la liste à laquelle il est parti : ' +
    'le serveur de réception l’a jugé comme du spam.',
  policyviolation:
    'Lisez la réponse du serveur de réception : le message a enfreint l’une de ses règles (type de pièce ' +
    'jointe, contenu, règles d’expéditeur).',
  contenterror:
    'Corrigez la structure du message que le serveur de réception a refusée (en-têtes, MIME, encodage).',
  notcompliantrfc:
    'Corrigez les en-têtes que le serveur de réception a refusés comme non conformes à la RFC 5322 ' +
    '(doublons, Date ou Message-ID manquant).',
  speeding: 'Envoyez plus lentement vers {domain} : le serveur de réception a limité le débit.',
  toomanyconn: 'Ouvrez moins de connexions à la fois vers {domain}, avec moins de destinataires par message.',
  securityerror:
    'Vérifiez TLS et l’authentification vers {domain} : le serveur de réception a refusé la sécurité de ' +
    'la connexion.',
  rejected:
    'Vérifiez le domaine de l’expéditeur d’enveloppe (return path) : le serveur de réception l’a refusé.',
  blocked:
    'Le serveur de réception a refusé {sender} sans nommer de liste : demandez à son postmaster quelle ' +
    'liste ou quelle règle s’applique.',
};

/** ANSWER_CODES (src/guard/dnsbl-answers.ts) in French: every documented code of every zone. */
export const ANSWER_CODES_FR: { [Z in CodedZone]: Record<keyof (typeof ANSWER_CODES)[Z], string> } = {
  'zen.spamhaus.org': {
    '127.0.0.2': 'Spamhaus SBL : une source ou une opération de spam connue',
    '127.0.0.3': 'Spamhaus SBL CSS : du spam « snowshoe », un envoi de faible réputation',
    '127.0.0.4': 'Spamhaus XBL : un hôte compromis ou infecté (CBL)',
    '127.0.0.9': 'Spamhaus DROP : un réseau détourné ou criminel',
    '127.0.0.10':
      'Spamhaus PBL : une plage d’utilisateurs finaux qui ne devrait pas envoyer directement (politique du FAI)',
    '127.0.0.11':
      'Spamhaus PBL : une plage d’utilisateurs finaux qui ne devrait pas envoyer directement (Spamhaus)',
  },
  'dbl.spamhaus.org': {
    '127.0.1.2': 'Spamhaus DBL : un domaine de spam',
    '127.0.1.4': 'Spamhaus DBL : un domaine d’hameçonnage',
    '127.0.1.5': 'Spamhaus DBL : un domaine de logiciels malveillants',
    '127.0.1.6': 'Spamhaus DBL : un domaine de commande et contrôle de botnet',
    '127.0.1.102': 'Spamhaus DBL : un domaine légitime détourné, utilisé dans du spam',
    '127.0.1.103': 'Spamhaus DBL : un domaine légitime détourné, utilisé comme redirection',
    '127.0.1.104': 'Spamhaus DBL : un domaine légitime détourné, utilisé pour l’hameçonnage',
    '127.0.1.105': 'Spamhaus DBL : un domaine légitime détourné, utilisé pour des logiciels malveillants',
    '127.0.1.106': 'Spamhaus DBL : un domaine légitime détourné, utilisé pour piloter un botnet',
  },
  'bl.spamcop.net': { '127.0.0.2': 'SpamCop : du spam signalé récemment depuis cette IP' },
  'b.barracudacentral.org': { '127.0.0.2': 'Barracuda Reputation Block List : mauvaise réputation' },
};

/** REFUSALS (src/guard/dnsbl-answers.ts) in French. */
export const REFUSALS_FR: Record<Refusal, string> = {
  '127.255.255.252': 'la liste dit que la requête était mal formée',
  '127.255.255.254':
    'la liste refuse les requêtes des résolveurs publics ou ouverts : utilisez votre propre résolveur ' +
    '(REBOUND_DNS_SERVERS) ou une clé de son service de requêtes',
  '127.255.255.255': 'la liste refuse : trop de requêtes depuis ce résolveur',
};
