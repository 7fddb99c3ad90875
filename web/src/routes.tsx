/** The app's pages by path, each with the navigation entry that guards it. */
import type { JSX } from 'preact';
import type { Me, Period } from './api';
import { canEdit, canSee, type PageId } from './navigation';
import { AgreementDetail } from './pages/agreements/AgreementDetail';
import { AgreementList } from './pages/agreements/AgreementList';
import { AgreementPrint } from './pages/agreements/AgreementPrint';
import { AssignmentsPage } from './pages/assignments/AssignmentsPage';
import { ChecklistPage } from './pages/checklist/ChecklistPage';
import { ConsistencyPage } from './pages/consistency/ConsistencyPage';
import { Home } from './pages/Home';
import { InspectionsPage } from './pages/inspections/InspectionsPage';
import { MessagesPage } from './pages/messages/MessagesPage';
import { NoAccess, NotFound } from './pages/NotFound';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { ObjectionInbox } from './pages/objections/ObjectionInbox';
import { ProgressPage } from './pages/progress/ProgressPage';
import { ProposalsPage } from './pages/proposals/ProposalsPage';
import { ResultsPage } from './pages/results/ResultsPage';
import { UnitResultsPage } from './pages/results/UnitResultsPage';
import { ReviewsPage } from './pages/reviews/ReviewsPage';
import { SelfAssessmentPrint } from './pages/reviews/SelfAssessmentPrint';
import { ScoringPage } from './pages/scoring/ScoringPage';
import { SubmissionsPage } from './pages/submissions/SubmissionsPage';
import { SurveysPage } from './pages/surveys/SurveysPage';
import { TemplateEditor } from './pages/templates/TemplateEditor';
import { Templates } from './pages/templates/Templates';
import { UnitForm } from './pages/UnitForm';
import { Units } from './pages/Units';
import { SignInIdsPage } from './pages/users/SignInIdsPage';
import { YearPage } from './pages/Year';
import { matchPath } from './router';

const readsTemplates = (user: Me) => user.roles.some((r) => r === 'admin' || r === 'leader');

interface Route {
  pattern: string;
  page: PageId;
  /** Only for roles that may edit the page (forms). */
  edits?: boolean;
  render: (params: Record<string, string>, user: Me) => JSX.Element;
}

const ROUTES: Route[] = [
  { pattern: '/', page: 'home', render: (_, user) => <Home user={user} /> },
  { pattern: '/units', page: 'units', render: (_, user) => <Units user={user} /> },
  { pattern: '/units/new', page: 'units', edits: true, render: () => <UnitForm /> },
  // Read by everyone who reads users (admin, leader); the Units page links here for them.
  { pattern: '/units/sign-in-ids', page: 'units', render: (_, user) => <SignInIdsPage user={user} /> },
  {
    pattern: '/units/:unitId/edit',
    page: 'units',
    edits: true,
    render: (params) => <UnitForm unitId={params.unitId} />,
  },
  { pattern: '/year', page: 'year', render: (_, user) => <YearPage user={user} /> },
  { pattern: '/agreements', page: 'agreements', render: (_, user) => <AgreementList user={user} /> },
  {
    pattern: '/agreements/:year/:unitId',
    page: 'agreements',
    render: (p, user) => <AgreementDetail user={user} year={Number(p.year)} unitId={p.unitId ?? ''} />,
  },
  {
    pattern: '/agreements/:year/:unitId/print',
    page: 'agreements',
    render: (p) => <AgreementPrint year={Number(p.year)} unitId={p.unitId ?? ''} />,
  },
  // Templates sit under 目标责任书 in the navigation; only the admin and leaders read them.
  {
    pattern: '/templates',
    page: 'agreements',
    render: (_, user) => (readsTemplates(user) ? <Templates user={user} /> : <NoAccess />),
  },
  {
    pattern: '/templates/:year/:categoryId',
    page: 'agreements',
    render: (p, user) =>
      readsTemplates(user) ? (
        <TemplateEditor user={user} year={Number(p.year)} categoryId={p.categoryId ?? ''} />
      ) : (
        <NoAccess />
      ),
  },
  { pattern: '/submissions', page: 'submissions', render: (_, user) => <SubmissionsPage user={user} /> },
  { pattern: '/progress', page: 'progress', render: (_, user) => <ProgressPage user={user} /> },
  { pattern: '/assignments', page: 'assignments', render: (_, user) => <AssignmentsPage user={user} /> },
  { pattern: '/notifications', page: 'notifications', render: () => <NotificationsPage /> },
  { pattern: '/messages', page: 'messages', render: () => <MessagesPage /> },
  { pattern: '/inspections', page: 'inspections', render: (_, user) => <InspectionsPage user={user} /> },
  { pattern: '/checklist', page: 'checklist', render: (_, user) => <ChecklistPage user={user} /> },
  { pattern: '/proposals', page: 'proposals', render: (_, user) => <ProposalsPage user={user} /> },
  { pattern: '/surveys', page: 'surveys', render: (_, user) => <SurveysPage user={user} /> },
  { pattern: '/scoring', page: 'scoring', render: (_, user) => <ScoringPage user={user} /> },
  { pattern: '/objections', page: 'objections', render: () => <ObjectionInbox /> },
  { pattern: '/results', page: 'results', render: (_, user) => <ResultsPage user={user} /> },
  { pattern: '/reviews', page: 'reviews', render: (_, user) => <ReviewsPage user={user} /> },
  { pattern: '/reviews/distance', page: 'reviews', render: (_, user) => <ReviewsPage user={user} /> },
  {
    pattern: '/reviews/print/:year/:unitId/:period',
    page: 'reviews',
    render: (p) => (
      <SelfAssessmentPrint
        year={Number(p.year)}
        unitId={p.unitId ?? ''}
        period={(p.period ?? 'Q4') as Period}
      />
    ),
  },
  // 评分一致性: the admin and leaders see every rater, a rater their own line; unit roles have none.
  {
    pattern: '/results/consistency',
    page: 'results',
    render: (_, user) =>
      user.roles.some((r) => r === 'admin' || r === 'leader' || r === 'rater') ? (
        <ConsistencyPage user={user} />
      ) : (
        <NoAccess />
      ),
  },
  {
    pattern: '/results/units/:unitId',
    page: 'results',
    render: (p) => <UnitResultsPage unitId={p.unitId ?? ''} />,
  },
];

export const Routes = ({ path, user }: { path: string; user: Me }) => {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const allowed = canSee(user.roles, route.page) && (!route.edits || canEdit(user.roles, route.page));
    return allowed ? route.render(params, user) : <NoAccess />;
  }
  return <NotFound />;
};
