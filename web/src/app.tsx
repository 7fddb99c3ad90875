/** The whole app: sign-in until there is a session, then the shell around the current page. */
import { useEffect, useRef } from 'preact/hooks';
import { Loading } from './components/Loading';
import { Shell } from './components/Shell';
import { SignIn } from './pages/SignIn';
import { usePath } from './router';
import { Routes } from './routes';
import { restoreSession, useSession } from './session';

/**
 * After an in-app navigation, a sign-in or a sign-out, focus goes to the main region, as a page
 * load would. Not after the first load (leaving `restoring`): there the skip link stays first.
 */
const useFocusMainOnChange = (status: string, path: string) => {
  const previous = useRef({ status, path });
  useEffect(() => {
    const before = previous.current;
    previous.current = { status, path };
    if (before.status === 'restoring' || (before.status === status && before.path === path)) return;
    document.getElementById('main')?.focus();
  }, [status, path]);
};

export const App = () => {
  const session = useSession();
  const path = usePath();
  useEffect(() => {
    void restoreSession();
  }, []);
  useFocusMainOnChange(session.status, path);

  if (session.status === 'restoring') return <Loading label="正在加载…" />;
  if (session.status === 'signed-out') return <SignIn notice={session.notice} />;
  return (
    <Shell user={session.user} path={path}>
      <Routes key={path} path={path} user={session.user} />
    </Shell>
  );
};
