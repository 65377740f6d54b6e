import { lazy, Suspense } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../ui/index.js';
import type { AccountPageProps, AccountRoute } from '../route.js';
import { DraftsPage } from './DraftsPage.js';
import { PublishedPage } from './PublishedPage.js';
import { t } from '../../i18n/index.js';

// The rich-text editor (Tiptap, ProseMirror) is most of the console's code: load it when opened.
const EditorPage = lazy(() => import('./EditorPage.js').then((m) => ({ default: m.EditorPage })));

/** The editor of the draft the path names (`new` for a new push post). */
function EditorRoute({ account }: AccountPageProps) {
  const { id } = useParams();
  return (
    <Suspense fallback={<Loading />}>
      <EditorPage account={account} mediaId={id === 'new' ? undefined : id} />
    </Suspense>
  );
}

/** The draft box, the editor (in the drafts tab) and the published push posts. */
export const articleRoutes: AccountRoute[] = [
  { path: 'drafts', tab: 'drafts', group: 'content', label: t('articles.drafts'), component: DraftsPage },
  { path: 'drafts/:id', tab: 'drafts', group: 'content', component: EditorRoute },
  { path: 'published', tab: 'published', group: 'content', label: t('articles.published2'), component: PublishedPage },
];
