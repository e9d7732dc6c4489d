import { useT } from '../../lib/i18n';

export interface DiffRun {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * A word diff as legal reads it: added runs in <ins>, removed runs in <del>, each with a
 * visually hidden word ("added:", "removed:") so a screen reader says what changed, not only
 * a colour or strike-through.
 */
export function ClauseDiff({ parts, lang }: { parts: readonly DiffRun[]; lang: string }) {
  const t = useT();
  return (
    <p className="contract-diff" lang={lang}>
      {parts.map((p, i) =>
        p.op === 'added' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their order.
          <ins key={i} className="contract-diff__added">
            <span className="visually-hidden">{t('contracts.diff.added')} </span>
            {p.text}
          </ins>
        ) : p.op === 'removed' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their order.
          <del key={i} className="contract-diff__removed">
            <span className="visually-hidden">{t('contracts.diff.removed')} </span>
            {p.text}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity beyond their order.
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}
