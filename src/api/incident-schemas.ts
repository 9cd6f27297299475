/** Response schemas of the incident routes; enums come from the modules that own them. */
import { ACTION_CODES } from '../guard/delisting.js';
import { DEFAULT_GUARD_SETTINGS } from '../guard/guard-settings.js';

export const INCIDENT_STATES = ['pending', 'open', 'closed'] as const;
export const INCIDENT_VIEW = 'IncidentView';
export const INCIDENT_DETAIL = 'IncidentDetail';
export const CHECK_VIEW = 'BlocklistCheck';
export const GUARD_SETTINGS = 'GuardSettings';

const nullableString = { type: ['string', 'null'] } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

const viewProperties = {
  id: { type: 'string' },
  state: { type: 'string', enum: INCIDENT_STATES },
  sender: { type: 'string', description: 'The refused sending IP (or IPs), or the sending domain' },
  senderKind: { type: 'string', enum: ['ip', 'domain', 'unknown'] },
  receivingDomain: { ...nullableString, description: 'null: found by a DNS blocklist check' },
  blocklists: strings,
  reasons: strings,
  rejections: { type: 'integer' },
  recipientCount: { type: 'integer' },
  firstSeen: { type: 'string', format: 'date-time' },
  lastSeen: { type: 'string', format: 'date-time' },
  openedAt: nullableString,
  closedAt: nullableString,
  closedBy: { ...nullableString, description: 'quiet, clear, or the admin key (key:ID)' },
  closeNote: nullableString,
  hold: {
    type: ['object', 'null'],
    properties: { mode: { type: 'string', enum: ['hold', 'slow'] }, domain: { type: 'string' } },
  },
  actions: {
    type: 'array',
    description: 'What to do, most useful first: the English step, and the code and params it is said from',
    items: {
      type: 'object',
      required: ['step', 'url', 'code', 'params'],
      properties: {
        step: { type: 'string' },
        url: nullableString,
        code: { type: 'string', enum: ACTION_CODES },
        params: {
          type: 'object',
          description:
            'By code: lookup (list, sender), lookup-elsewhere (list, sender), request-removal (list), ' +
            'advice (reason, sender, domain), provider-support (provider, domain), postmaster (domain), ' +
            'stop-cause (none)',
          properties: {
            list: { type: 'string' },
            sender: { type: 'string' },
            reason: { type: 'string' },
            domain: nullableString,
            provider: { type: 'string' },
          },
        },
      },
    },
  },
  explanation: { type: 'string' },
} as const;

const incidentView = {
  $id: INCIDENT_VIEW,
  type: 'object',
  required: Object.keys(viewProperties),
  properties: viewProperties,
} as const;

const incidentDetail = {
  $id: INCIDENT_DETAIL,
  type: 'object',
  required: [...Object.keys(viewProperties), 'recipients', 'evidence', 'repairs'],
  properties: {
    ...viewProperties,
    recipients: { ...strings, description: 'Affected recipients (the first 50 in address order)' },
    evidence: {
      type: 'array',
      description: 'The newest 50 rejections or listings',
      items: {
        type: 'object',
        properties: {
          recipient: nullableString,
          reason: nullableString,
          blocklist: nullableString,
          text: { type: 'string' },
          at: { type: 'string' },
          bounceId: nullableString,
          source: { type: 'string', enum: ['bounce', 'event', 'dnsbl'] },
        },
      },
    },
    repairs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          address: { type: 'string' },
          blockedBy: { type: 'string' },
          explanation: { type: 'string' },
          at: { type: 'string' },
          explanationCode: {
            type: 'string',
            enum: ['repair.sender-refused'],
            description:
              'With explanationParams: what the sentence is made of (absent when the event that blocked the address is gone)',
          },
          explanationParams: {
            type: 'object',
            properties: {
              blockedAt: { type: 'string', format: 'date-time' },
              reason: nullableString,
              receivingDomain: { type: 'string' },
              incidentId: { type: 'string' },
              tie: {
                type: 'object',
                description:
                  'What in the rejection ties it to the incident: a list it names, or the client IP',
                properties: {
                  kind: { type: 'string', enum: ['list', 'ip'] },
                  list: { type: 'string' },
                  ip: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const checkView = {
  $id: CHECK_VIEW,
  type: 'object',
  required: ['id', 'checkedAt', 'target', 'targetKind', 'zone', 'outcome', 'codes', 'meaning', 'incidentId'],
  properties: {
    id: { type: 'string' },
    checkedAt: { type: 'string' },
    target: { type: 'string' },
    targetKind: { type: 'string', enum: ['ip', 'domain'] },
    zone: { type: 'string' },
    outcome: { type: 'string', enum: ['listed', 'clear', 'unchecked'] },
    codes: strings,
    meaning: { type: 'string', description: 'The sentence: why listed, or why it could not be checked' },
    incidentId: nullableString,
  },
} as const;

const guardSettings = {
  $id: GUARD_SETTINGS,
  type: 'object',
  required: Object.keys(DEFAULT_GUARD_SETTINGS),
  properties: {
    sendingIps: strings,
    sendingDomains: strings,
    ipZones: strings,
    domainZones: strings,
    checkIntervalMinutes: { type: 'integer' },
    holdMode: { type: 'string', enum: ['hold', 'slow'] },
    slowEveryMinutes: { type: 'integer' },
    openThreshold: { type: 'integer' },
    quietHours: { type: 'integer' },
    repair: { type: 'boolean' },
    repairMinRecipients: { type: 'integer' },
    repairLookbackDays: { type: 'integer' },
  },
} as const;

export const INCIDENT_SCHEMAS = [incidentView, incidentDetail, checkView, guardSettings] as const;
