/** Says plainly why there is nothing here and what will be, instead of a blank area. */
import type { ComponentChildren } from 'preact';

interface EmptyStateProps {
  title: string;
  children?: ComponentChildren;
  action?: ComponentChildren;
}

export const EmptyState = ({ title, children, action }: EmptyStateProps) => (
  <section class="empty-state" aria-label={title}>
    <h2>{title}</h2>
    {children}
    {action && <div class="empty-state-action">{action}</div>}
  </section>
);
