/** The dashboard's shell: who is logged in, the navigation, the page the fragment names. */
import { effect } from '@preact/signals';
import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { loadSession, logOut, session } from './api.js';
import { LanguageSelect } from './components/language-select.js';
import { language, t } from './i18n/i18n.js';
import { Login } from './pages/login.js';
import { href, location } from './router.js';
import { match, ROUTES } from './routes.js';
import './styles.css';

effect(() => {
  document.documentElement.lang = language.value;
  document.title = t('app.name');
});

function Shell() {
  const current = session.value;
  const path = location.value.path;
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a navigation (not the first load, where the skip link comes first), focus goes to the new
  // page's heading, so a screen reader announces it and Tab continues from there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }, [path]);
  if (current === undefined) return <p aria-busy="true">{t('common.loading')}</p>;
  if (current === null) {
    return (
      <>
        <header class="top">
          <span class="brand">{t('app.name')}</span>
          <LanguageSelect />
        </header>
        <Login />
      </>
    );
  }
  const found = match(path);
  const nav = ROUTES.filter((r) => r.nav !== undefined && (r.admin !== true || current.role === 'admin'));
  return (
    <>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header class="top">
        <a class="brand" href={href('/')}>
          {t('app.name')}
        </a>
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.map((r) => (
              <li key={r.nav!.path}>
                <a href={href(r.nav!.path)} aria-current={found?.route === r ? 'page' : undefined}>
                  {t(r.nav!.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>{t('nav.signedInAs', { name: current.name, role: t(`role.${current.role}`) })}</span>
          <LanguageSelect />
          <button type="button" onClick={() => void logOut()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {found === undefined ? <p>{t('common.empty')}</p> : found.route.render(...found.captured)}
      </main>
    </>
  );
}

void loadSession();
render(<Shell />, document.getElementById('app')!);
