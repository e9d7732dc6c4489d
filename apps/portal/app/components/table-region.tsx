import { type ReactNode, useEffect, useRef } from 'react';
import { useT } from '../lib/i18n';

/**
 * A wide table's scroll container: a focusable region named by the table's caption (keyboard
 * users scroll it with the arrow keys), and on narrow screens a written hint that it scrolls
 * sideways. The hint shows from the first paint (CSS, narrow screens only); once JavaScript
 * runs it is hidden while the table fits (`data-fits`, kept up to date on resize).
 */
export function TableRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const region = ref.current;
    if (!region || typeof ResizeObserver === 'undefined') return;
    const update = () => region.toggleAttribute('data-fits', region.scrollWidth <= region.clientWidth + 1);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(region);
    if (region.firstElementChild) observer.observe(region.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div className="table-region">
      <p className="table-region__hint">{t('work-queue.table.scrollHint')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled scroll container, not a document section. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users need focus to scroll it (WCAG 2.1.1). */}
      <div ref={ref} className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
