import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/ui.css';
import './console/console.css';
import { ConsoleApp } from './console/ConsoleApp.js';
import { Link, useLocation } from './router.js';
import { EmptyState, Loading, ToastProvider } from './ui/index.js';

/** The phone simulator loads on its own (its QR decoder is not needed by the console). */
const PhoneApp = lazy(() => import('./phone/PhoneApp.js').then((m) => ({ default: m.PhoneApp })));

/** Picks the app for the path: the console under /console; other apps mount beside it. */
function App() {
  const { pathname } = useLocation();
  if (pathname === '/console' || pathname.startsWith('/console/')) return <ConsoleApp />;
  if (pathname === '/phone' || pathname.startsWith('/phone/')) {
    return (
      <Suspense fallback={<Loading />}>
        <PhoneApp />
      </Suspense>
    );
  }
  return (
    <div className="standalone">
      <div className="card">
        <EmptyState title="Nothing here" action={<Link to="/console">Open the console</Link>}>
          This address is not part of Herald’s web app.
        </EmptyState>
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ToastProvider>
        <App />
      </ToastProvider>
    </StrictMode>,
  );
}
