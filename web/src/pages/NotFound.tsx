/** An unknown address, or a page the user's roles do not open. */
import { EmptyState } from '../components/EmptyState';
import { Link } from '../components/Link';
import { PageHeader } from '../components/PageHeader';

export const NotFound = () => (
  <>
    <PageHeader title="页面不存在" />
    <EmptyState title="没有找到这个页面" action={<Link href="/">返回工作台</Link>}>
      <p>地址可能有误，或该页面已经移动。</p>
    </EmptyState>
  </>
);

export const NoAccess = () => (
  <>
    <PageHeader title="无权访问" />
    <EmptyState title="您的角色不能打开这个页面" action={<Link href="/">返回工作台</Link>}>
      <p>如需访问，请联系考核办管理员。</p>
    </EmptyState>
  </>
);
