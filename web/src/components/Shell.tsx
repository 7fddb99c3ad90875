/**
 * The frame of every signed-in page: skip link, header with the user, the role's navigation
 * (a menu button on phones) and the main region.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../api';
import { roleLabels } from '../labels';
import { navFor, PAGES } from '../navigation';
import { signOut } from '../session';
import { Link } from './Link';

interface ShellProps {
  user: Me;
  path: string;
  children: ComponentChildren;
}

const isCurrent = (itemPath: string, path: string) =>
  itemPath === '/' ? path === '/' : path === itemPath || path.startsWith(`${itemPath}/`);

export const Shell = ({ user, path, children }: ShellProps) => {
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const items = navFor(user.roles).map((id) => PAGES[id]);

  useEffect(() => setMenuOpen(false), [path]);

  const closeMenu = () => {
    setMenuOpen(false);
    menuButton.current?.focus();
  };

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="app-header">
        <Link href="/" class="brand">
          <span class="brand-mark">考评</span>
          <span class="brand-sub">卫生健康目标责任考核</span>
        </Link>
        <div class="account">
          <span class="account-name">{user.name}</span>
          <span class="account-roles">
            {roleLabels(user.roles)}
            {user.unitName && ` · ${user.unitName}`}
          </span>
          <button type="button" class="button button-quiet" onClick={() => signOut()}>
            退出登录
          </button>
        </div>
        <button
          ref={menuButton}
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="app-nav"
          onClick={() => setMenuOpen((open) => !open)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && menuOpen) closeMenu();
          }}
        >
          <span class="menu-icon" aria-hidden="true" />
          菜单
        </button>
      </header>
      <div class="layout">
        <nav
          id="app-nav"
          class={menuOpen ? 'app-nav open' : 'app-nav'}
          aria-label="主导航"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && menuOpen) closeMenu();
          }}
        >
          <ul>
            {items.map((item) => (
              <li key={item.path}>
                <Link href={item.path} aria-current={isCurrent(item.path, path) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
};
