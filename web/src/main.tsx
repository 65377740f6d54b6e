import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import './ui/ui.css';
import './console/console.css';
import { createQueryClient } from './api/queryClient.js';
import { ScrollToTop } from './app/ScrollToTop.js';
import { ConsoleApp } from './console/ConsoleApp.js';
import { EmptyState, Loading, ToastProvider } from './ui/index.js';
import { i18n, t } from './i18n/index.js';

/** The phone simulator loads on its own (its QR decoder is not needed by the console). */
const PhoneApp = lazy(() => import('./phone/PhoneApp.js').then((m) => ({ default: m.PhoneApp })));

/** Any other address: not part of the web app. */
function NothingHere() {
  return (
    <div className="standalone">
      <div className="card">
        <EmptyState title={t('app.nothingHere')} action={<Link to="/console">{t('app.openTheConsole')}</Link>}>
          {t('app.thisAddressIsNot')}
        </EmptyState>
      </div>
    </div>
  );
}

/** The console under /console, the phone under /phone; each app routes below its prefix. */
function App() {
  return (
    <>
      <ScrollToTop />
      <Routes>
        <Route path="/console/*" element={<ConsoleApp />} />
        <Route
          path="/phone/*"
          element={
            <Suspense fallback={<Loading />}>
              <PhoneApp />
            </Suspense>
          }
        />
        <Route path="*" element={<NothingHere />} />
      </Routes>
    </>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={createQueryClient()}>
          <ToastProvider>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </ToastProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
