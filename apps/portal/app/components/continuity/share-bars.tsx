/**
 * Horizontal bars of each partner's share of a category, with the limit drawn as a line
 * (decision record 050). The figure is a picture for those who would rather look; the table next
 * to it holds the same numbers for screen readers; the SVG is one labelled image, not read bar by bar.
 */
export function ShareBars({
  label,
  shares,
  limitPercent,
}: {
  label: string;
  shares: { partnerId: string; legalName: string; percent: number; above: boolean }[];
  limitPercent: number;
}) {
  const row = 26;
  const labelWidth = 190;
  const barWidth = 300;
  const height = Math.max(1, shares.length) * row + 18;
  const x = (percent: number) => labelWidth + (barWidth * percent) / 100;
  return (
    <figure className="share-bars">
      <svg
        viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`}
        width="100%"
        role="img"
        aria-label={label}
        focusable="false"
      >
        {shares.map((s, i) => (
          <g key={s.partnerId} transform={`translate(0 ${i * row})`}>
            <text x={labelWidth - 8} y={17} textAnchor="end" fontSize="12" fill="currentColor">
              {s.legalName.length > 22 ? `${s.legalName.slice(0, 21)}…` : s.legalName}
            </text>
            <rect
              x={labelWidth}
              y={4}
              width={Math.max(1, (barWidth * s.percent) / 100)}
              height={18}
              fill={s.above ? 'var(--color-negative, #b42318)' : 'var(--color-accent, #2f6fbb)'}
            />
            <text x={x(s.percent) + 6} y={17} fontSize="12" fill="currentColor">
              {`${Math.round(s.percent * 10) / 10} %`}
            </text>
          </g>
        ))}
        <line
          x1={x(limitPercent)}
          x2={x(limitPercent)}
          y1={0}
          y2={height - 12}
          stroke="currentColor"
          strokeDasharray="4 3"
        />
        <text x={x(limitPercent)} y={height - 2} fontSize="11" textAnchor="middle" fill="currentColor">
          {`${limitPercent} %`}
        </text>
      </svg>
    </figure>
  );
}
