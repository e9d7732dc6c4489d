import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'positive' | 'caution' | 'negative' | 'info';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`ui-badge ui-badge--${tone}`}>{children}</span>;
}
