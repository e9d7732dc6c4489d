import type { ReactNode } from 'react';

export interface DescriptionItem {
  term: string;
  details: ReactNode;
}

/** Label/value pairs (a record's fields), as a <dl> so the pairing is announced. */
export function DescriptionList({ items }: { items: DescriptionItem[] }) {
  return (
    <dl className="ui-dl">
      {items.map((item) => (
        <div key={item.term} className="ui-dl__row">
          <dt>{item.term}</dt>
          <dd>{item.details}</dd>
        </div>
      ))}
    </dl>
  );
}
