import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { consoleApi, setCsrfToken, UNAUTHORIZED_EVENT } from './api.js';
import { matchPath, navigate, Redirect, useLocation } from '../router.js';
import { Alert, Button, Loading } from '../ui/index.js';
import { AccountPage } from './accounts/AccountPage.js';
import { AccountsPage } from './accounts/AccountsPage.js';
import { AdminPage } from './admin/AdminPage.js';
import { Layout } from './Layout.js';
import { LoginPage } from './session/LoginPage.js';
import { NotFound } from './NotFound.js';
import { SessionContext, type SessionApi } from './session/session.js';
import type { Me } from './types.js';

type State = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me } | { status: 'unreachable'; message: string };

/** Where to go after signing in: only paths inside the console (never another origin). */
function nextFrom(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/console/') && !next.startsWith('//') && !next.startsWith('/console/login') ? next : '/console/accounts';
}

/** The operator console: session handling and the page for the current path. */
export function ConsoleApp() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [accountsVersion, setAccountsVersion] = useState(0);
  const { pathname, search } = useLocation();

  const loadMe = useCallback(async () => {
    try {
      const me = await consoleApi.get<Me>('/me');
      setCsrfToken(me.csrf_token);
      setState({ status: 'signed-in', me });
    } catch (err) {
      // Only a 401 means "not signed in"; anything else is worth saying as it is.
      if (err instanceof ApiError && err.status === 401) setState({ status: 'signed-out' });
      else setState({ status: 'unreachable', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void loadMe();
    const onUnauthorized = () => setState({ status: 'signed-out' });
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [loadMe]);

  const session = useMemo<SessionApi | null>(() => {
    if (state.status !== 'signed-in') return null;
    return {
      me: state.me,
      accountsVersion,
      accountsChanged: () => setAccountsVersion((v) => v + 1),
      async signOut() {
        try {
          await consoleApi.post('/logout');
        } catch {
          /* the session may already be gone: signing out locally is what matters */
        }
        setCsrfToken('');
        setState({ status: 'signed-out' });
        navigate('/console/login', { replace: true });
      },
    };
  }, [state, accountsVersion]);

  useEffect(() => {
    document.title = 'Herald Console';
  }, []);

  if (state.status === 'loading') return <Loading label="Opening the console…" />;
  if (state.status === 'unreachable') {
    return (
      <div className="standalone">
        <Alert tone="error" title="The console could not start">{state.message}</Alert>
        <p>
          <Button onClick={() => void loadMe()}>Try again</Button>
        </p>
      </div>
    );
  }

  if (state.status === 'signed-out') {
    if (pathname !== '/console/login') {
      const next = pathname.startsWith('/console/') && pathname !== '/console/' ? `?next=${encodeURIComponent(pathname + search)}` : '';
      return <Redirect to={`/console/login${next}`} />;
    }
    return <LoginPage onSignedIn={async () => {
      await loadMe();
      navigate(nextFrom(search), { replace: true });
    }} />;
  }

  if (pathname === '/console/login') return <Redirect to={nextFrom(search)} />;
  if (pathname === '/console' || pathname === '/console/') return <Redirect to="/console/accounts" />;

  let page;
  let params: Record<string, string> | null;
  if (matchPath('/console/accounts', pathname)) page = <AccountsPage />;
  else if ((params = matchPath('/console/accounts/:appid', pathname))) page = <AccountPage appid={params.appid} tab="developer" />;
  else if ((params = matchPath('/console/accounts/:appid/callbacks', pathname))) page = <AccountPage appid={params.appid} tab="callbacks" />;
  else if ((params = matchPath('/console/accounts/:appid/menu', pathname))) page = <AccountPage appid={params.appid} tab="menu" />;
  else if ((params = matchPath('/console/accounts/:appid/auto-replies', pathname))) page = <AccountPage appid={params.appid} tab="auto-replies" />;
  else if ((params = matchPath('/console/accounts/:appid/followers', pathname))) page = <AccountPage appid={params.appid} tab="followers" />;
  else if ((params = matchPath('/console/accounts/:appid/inbox', pathname))) page = <AccountPage appid={params.appid} tab="inbox" />;
  else if ((params = matchPath('/console/accounts/:appid/inbox/board', pathname))) page = <AccountPage appid={params.appid} tab="inbox-board" />;
  else if ((params = matchPath('/console/accounts/:appid/inbox/team', pathname))) page = <AccountPage appid={params.appid} tab="inbox-team" />;
  else if ((params = matchPath('/console/accounts/:appid/drafts', pathname))) page = <AccountPage appid={params.appid} tab="drafts" />;
  else if ((params = matchPath('/console/accounts/:appid/drafts/:id', pathname))) page = <AccountPage appid={params.appid} tab="editor" draftId={params.id === 'new' ? undefined : params.id} />;
  else if ((params = matchPath('/console/accounts/:appid/published', pathname))) page = <AccountPage appid={params.appid} tab="published" />;
  else if ((params = matchPath('/console/accounts/:appid/materials', pathname))) page = <AccountPage appid={params.appid} tab="materials" />;
  else if ((params = matchPath('/console/accounts/:appid/broadcasts', pathname))) page = <AccountPage appid={params.appid} tab="broadcasts" />;
  else if ((params = matchPath('/console/accounts/:appid/broadcasts/:msgId', pathname))) page = <AccountPage appid={params.appid} tab="broadcast" msgId={params.msgId} />;
  else if ((params = matchPath('/console/accounts/:appid/revenue', pathname))) page = <AccountPage appid={params.appid} tab="revenue" />;
  else if (matchPath('/console/admin/moderation', pathname)) page = <AdminPage tab="moderation" />;
  else if (matchPath('/console/admin/icp-domains', pathname)) page = <AdminPage tab="icp" />;
  else if ((params = matchPath('/console/accounts/:appid/callbacks/:id', pathname))) {
    page = <AccountPage appid={params.appid} tab="callbacks" deliveryId={params.id} />;
  } else page = <NotFound />;

  return (
    <SessionContext.Provider value={session}>
      <Layout>{page}</Layout>
    </SessionContext.Provider>
  );
}
