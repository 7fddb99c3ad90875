/** The page's one `<h1>`, optional actions beside it; also sets the browser tab title. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

interface PageHeaderProps {
  title: string;
  children?: ComponentChildren;
  actions?: ComponentChildren;
}

export const usePageTitle = (title: string): void => {
  useEffect(() => {
    document.title = `${title} · 考评`;
  }, [title]);
};

export const PageHeader = ({ title, children, actions }: PageHeaderProps) => {
  usePageTitle(title);
  return (
    <div class="page-header">
      <div>
        <h1>{title}</h1>
        {children && <div class="page-lead">{children}</div>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </div>
  );
};
