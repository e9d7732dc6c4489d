import type { ReactNode } from 'react';

/** Shown instead of an empty table or list, so "nothing here" is said, not implied. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="ui-empty">
      <p className="ui-empty__title">{title}</p>
      {children ? <div className="ui-empty__body">{children}</div> : null}
    </div>
  );
}
