import { useCallback, useEffect, useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client.js';
import { Alert, Button, Loading } from '../ui/index.js';
import { consoleApi, setCsrfToken, UNAUTHORIZED_EVENT } from './api.js';
import { AccountPage, AccountRouteView } from './accounts/AccountPage.js';
import { AccountsPage } from './accounts/AccountsPage.js';
import { AdminPage } from './admin/AdminPage.js';
import { Layout } from './Layout.js';
import { NotFound } from './NotFound.js';
import { ACCOUNT_ROUTES, ADMIN_ROUTES } from './pages.js';
import { meQuery } from './queries.js';
import { LoginPage } from './session/LoginPage.js';
import { ApplicationPage } from './registration/ApplicationPage.js';
import { OutboxPage } from './registration/OutboxPage.js';
import { RegistrationPage } from './registration/RegistrationPage.js';
import { SignupPage } from './registration/SignupPage.js';
import { VerifyEmailPage } from './registration/VerifyEmailPage.js';
import { SessionContext, type SessionApi } from './session/session.js';
import { t } from '../i18n/index.js';

/** Where to go after signing in: only paths inside the console (never another origin). */
function nextFrom(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/console/') && !next.startsWith('//') && !next.startsWith('/console/login') ? next : '/console/accounts';
}

/** The signed-in console: the pages of ./pages.ts inside the frame, anything else not found. */
function ConsoleRoutes() {
  const { search } = useLocation();
  return (
    <Routes>
      <Route path="login" element={<Navigate to={nextFrom(search)} replace />} />
      <Route path="signup" element={<Navigate to="/console/registration" replace />} />
      <Route path="verify-email" element={<VerifyEmailPage />} />
      <Route path="outbox" element={<OutboxPage />} />
      <Route element={<Layout />}>
        <Route path="registration" element={<RegistrationPage />} />
        <Route path="registration/:id" element={<ApplicationPage />} />
        <Route index element={<Navigate to="/console/accounts" replace />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="accounts/:appid" element={<AccountPage />}>
          {ACCOUNT_ROUTES.map((r) =>
            r.path === '' ? <Route key={r.tab} index element={<AccountRouteView route={r} />} /> : <Route key={r.path} path={r.path} element={<AccountRouteView route={r} />} />,
          )}
        </Route>
        <Route element={<AdminPage />}>
          {ADMIN_ROUTES.map((r) => (
            <Route key={r.path} path={`admin/${r.path}`} element={<r.component />} />
          ))}
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

/** The operator console: session handling, then the page for the current path. */
export function ConsoleApp() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const me = useQuery(meQuery);
  const session = me.data;

  /** Forgets everything the signed-out operator saw. */
  const signedOut = useCallback(() => {
    setCsrfToken('');
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQuery.queryKey[0] });
    queryClient.setQueryData(meQuery.queryKey, null);
  }, [queryClient]);

  useEffect(() => {
    window.addEventListener(UNAUTHORIZED_EVENT, signedOut);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, signedOut);
  }, [signedOut]);

  useEffect(() => {
    document.title = t('frame.heraldConsole');
  }, []);

  const api = useMemo<SessionApi | null>(() => {
    if (!session) return null;
    return {
      me: session,
      async signOut() {
        try {
          await consoleApi.post('/logout');
        } catch {
          /* the session may already be gone: signing out locally is what matters */
        }
        signedOut();
        void navigate('/console/login', { replace: true });
      },
    };
  }, [session, signedOut, navigate]);

  if (me.isPending) return <Loading label={t('frame.openingTheConsole')} />;
  if (me.isError && session === undefined) {
    return (
      <div className="standalone">
        <Alert tone="error" title={t('frame.theConsoleCouldNot')}>{errorMessage(me.error)}</Alert>
        <p>
          <Button onClick={() => void me.refetch()}>{t('frame.tryAgain')}</Button>
        </p>
      </div>
    );
  }

  if (!api) {
    // The pages of people not signed in: sign up, follow a verification link, read the outbox.
    if (pathname === '/console/signup') return <SignupPage />;
    if (pathname === '/console/verify-email') return <VerifyEmailPage />;
    if (pathname === '/console/outbox') return <OutboxPage />;
    if (pathname !== '/console/login') {
      const next = pathname.startsWith('/console/') && pathname !== '/console/' ? `?next=${encodeURIComponent(pathname + search)}` : '';
      return <Navigate to={`/console/login${next}`} replace />;
    }
    return (
      <LoginPage
        onSignedIn={async () => {
          await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
          void navigate(nextFrom(search), { replace: true });
        }}
      />
    );
  }

  return (
    <SessionContext.Provider value={api}>
      <ConsoleRoutes />
    </SessionContext.Provider>
  );
}
