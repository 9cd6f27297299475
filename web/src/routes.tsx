/**
 * The dashboard's one route table and its one navigation list. A new page is a component in pages/, one
 * row here and its strings in i18n/en.ts and fr.ts; nothing else changes.
 */
import type { ComponentChildren } from 'preact';
import type { MessageKey } from './i18n/en.js';
import { AddressPage } from './pages/address.js';
import { Addresses } from './pages/addresses.js';
import { Alerts } from './pages/alerts.js';
import { Bounces } from './pages/bounces.js';
import { GuardSettings } from './pages/guard-settings.js';
import { Overview } from './pages/overview.js';
import { Pauses } from './pages/pauses.js';
import { Settings } from './pages/settings.js';
import { UnblockRequests } from './pages/unblock-requests.js';

export interface Route {
  /** Matched against the whole fragment path; captured groups are URI-decoded and passed in order. */
  pattern: RegExp;
  render: (...captured: string[]) => ComponentChildren;
  /** In the navigation under this label, linking to `path`; absent for pages reached from others. */
  nav?: { label: MessageKey; path: string };
  /** Shown to admins only (the API refuses the rest anyway). */
  admin?: boolean;
}

export const ROUTES: readonly Route[] = [
  { pattern: /^\/$/, render: () => <Overview />, nav: { label: 'nav.overview', path: '/' } },
  { pattern: /^\/bounces$/, render: () => <Bounces />, nav: { label: 'nav.bounces', path: '/bounces' } },
  {
    pattern: /^\/addresses$/,
    render: () => <Addresses />,
    nav: { label: 'nav.addresses', path: '/addresses' },
  },
  { pattern: /^\/addresses\/([^/]+)$/, render: (address) => <AddressPage address={address ?? ''} /> },
  {
    pattern: /^\/unblock-requests$/,
    render: () => <UnblockRequests />,
    nav: { label: 'nav.unblockRequests', path: '/unblock-requests' },
  },
  { pattern: /^\/alerts$/, render: () => <Alerts />, nav: { label: 'nav.alerts', path: '/alerts' } },
  { pattern: /^\/pauses$/, render: () => <Pauses />, nav: { label: 'nav.pauses', path: '/pauses' } },
  {
    pattern: /^\/rules$/,
    render: () => <GuardSettings />,
    nav: { label: 'nav.rules', path: '/rules' },
  },
  { pattern: /^\/settings$/, render: () => <Settings />, nav: { label: 'nav.settings', path: '/settings' } },
];

export function match(path: string): { route: Route; captured: string[] } | undefined {
  for (const route of ROUTES) {
    const found = route.pattern.exec(path);
    if (found !== null) return { route, captured: found.slice(1).map((c) => decodeURIComponent(c)) };
  }
  return undefined;
}
