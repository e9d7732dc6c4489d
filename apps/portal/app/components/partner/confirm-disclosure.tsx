import type { ReactNode } from 'react';

/**
 * A destructive action behind a second step: the first button only opens the
 * confirmation (a native <details>, so it works by keyboard and without
 * JavaScript); the real submit button is inside, next to the warning.
 */
export function ConfirmDisclosure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="confirm">
      <summary className="button button--danger-quiet">{label}</summary>
      <div className="confirm__body">{children}</div>
    </details>
  );
}
