/** A page not built yet: says what it will hold, so the navigation is never a dead end. */
import { EmptyState } from '../components/EmptyState';
import { Link } from '../components/Link';
import { PageHeader } from '../components/PageHeader';
import { PAGES } from '../navigation';
import { PLACEHOLDERS, type PlaceholderPageId } from './placeholders';

export const Placeholder = ({ page }: { page: PlaceholderPageId }) => {
  const copy = PLACEHOLDERS[page];
  return (
    <>
      <PageHeader title={PAGES[page].label} />
      <EmptyState title="此功能正在建设中" action={<Link href="/">返回工作台</Link>}>
        <p>{copy.lead}</p>
        <ul>
          {copy.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </EmptyState>
    </>
  );
};
