import type { ReactNode } from 'react';

/** Text for screen readers only (e.g. "3 unread" next to a bare number). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
