import { type RefObject, useEffect } from 'react';
import { useLocation } from 'react-router';

const openMenus = (root: HTMLElement) => [...root.querySelectorAll<HTMLDetailsElement>('details[open]')];
const summaryOf = (details: HTMLDetailsElement) =>
  details.querySelector<HTMLElement>(':scope > summary') ?? undefined;

function syncExpanded(details: HTMLDetailsElement) {
  summaryOf(details)?.setAttribute('aria-expanded', String(details.open));
}

/**
 * What <details> menus do not do by themselves, added once JavaScript runs (without it they
 * still open and close): say "expanded" on each button, keep one dropdown open at a time,
 * close on Escape (focus back on the button), on a click elsewhere and after navigating.
 * Event listeners, not inline handlers, so a strict Content-Security-Policy allows them.
 */
export function useHeaderMenus(ref: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();

  // After a client-side navigation nothing stays open over the new page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new path on purpose.
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const details of openMenus(root)) details.open = false;
  }, [pathname, ref]);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const details of root.querySelectorAll('details')) syncExpanded(details);

    const onToggle = (event: Event) => {
      const details = event.target;
      if (!(details instanceof HTMLDetailsElement)) return;
      syncExpanded(details);
      if (!details.open) return;
      // Opening one dropdown closes its siblings (never the menu that contains it).
      for (const other of openMenus(root)) {
        if (other !== details && !other.contains(details)) other.open = false;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const focused = document.activeElement;
      // The innermost open menu around the focus, else the last one open.
      const open = openMenus(root);
      const target = open.filter((d) => focused && d.contains(focused)).at(-1) ?? open.at(-1);
      if (!target) return;
      target.open = false;
      summaryOf(target)?.focus();
      event.preventDefault();
    };
    const onPointerDown = (event: PointerEvent) => {
      const inside = event.target instanceof Node ? event.target : null;
      for (const details of openMenus(root)) {
        if (!inside || !details.contains(inside)) details.open = false;
      }
    };
    root.addEventListener('toggle', onToggle, true); // toggle does not bubble
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      root.removeEventListener('toggle', onToggle, true);
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [ref]);
}
