/** An in-app link: a real `<a href>` (open in new tab works) that navigates without reloading. */
import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../router';

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> & {
  href: string;
  children: ComponentChildren;
};

export const Link = ({ href, onClick, children, ...rest }: LinkProps) => (
  <a
    {...rest}
    href={href}
    onClick={(event) => {
      if (typeof onClick === 'function') onClick(event);
      // Let the browser handle new-tab and modified clicks.
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    }}
  >
    {children}
  </a>
);
