/** A failed load or action, announced at once (role="alert"), with room for a retry button. */
import type { ComponentChildren } from 'preact';

interface ErrorBannerProps {
  message: string;
  title?: string;
  children?: ComponentChildren;
}

export const ErrorBanner = ({ message, title = '操作未成功', children }: ErrorBannerProps) => (
  <div class="banner banner-error" role="alert">
    <p class="banner-title">{title}</p>
    <p>{message}</p>
    {children && <div class="banner-actions">{children}</div>}
  </div>
);

/** A success or progress message, read out politely (role="status"). */
export const Notice = ({ children }: { children: ComponentChildren }) => (
  <div class="banner banner-ok" role="status">
    {children}
  </div>
);
