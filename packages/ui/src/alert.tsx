import type { ReactNode } from 'react';

export interface AlertProps {
  /** "error" interrupts screen readers (role=alert); "success"/"info" wait politely (role=status). */
  tone: 'error' | 'success' | 'info';
  title?: string;
  children: ReactNode;
}

export function Alert({ tone, title, children }: AlertProps) {
  return (
    <div className={`ui-alert ui-alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="ui-alert__title">{title}</p> : null}
      <div>{children}</div>
    </div>
  );
}
