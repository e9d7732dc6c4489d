/** Geometry of the trend chart, kept apart from markup so it can be tested without rendering. */
export interface TrendPoint {
  period: string;
  score: number | null;
  /** The quarter has not ended (China time): its score is provisional. */
  provisional?: boolean;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** One x per period; y only where there is a score. */
  points: { period: string; x: number; y: number | null; score: number | null; provisional: boolean }[];
  /** Baseline of the period labels, and of the "in progress" line under a provisional one. */
  labelY: number;
  noteY: number;
  /** Polyline segments: a gap where a quarter has no data, rather than a line through nothing. */
  segments: string[];
  gridlines: { value: number; y: number }[];
}

/**
 * Room beside the outermost points: a period label ("26-Q4") and the "in progress" line under
 * it are centred on their point, so the plot keeps half the widest label's width (11 px text,
 * "In progress" ≈ 60 px) inside the view box on either side.
 */
const SIDE_ROOM = 40;

/** Scores are 0–100, so the y axis is fixed: a drop reads the same on every partner's chart. */
export function trendGeometry(points: TrendPoint[], width = 640, height = 256): ChartGeometry {
  const plot = { left: SIDE_ROOM, right: width - SIDE_ROOM, top: 12, bottom: height - 48 };
  const step = points.length > 1 ? (plot.right - plot.left) / (points.length - 1) : 0;
  const yOf = (score: number) => plot.bottom - (score / 100) * (plot.bottom - plot.top);
  const placed = points.map((p, i) => ({
    period: p.period,
    score: p.score,
    provisional: p.provisional === true,
    x: Math.round((plot.left + i * step) * 10) / 10,
    y: p.score === null ? null : Math.round(yOf(p.score) * 10) / 10,
  }));
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of placed) {
    if (p.y === null) {
      if (current.length > 1) segments.push(current.join(' '));
      current = [];
    } else current.push(`${p.x},${p.y}`);
  }
  if (current.length > 1) segments.push(current.join(' '));
  const gridlines = [0, 60, 80, 100].map((value) => ({ value, y: Math.round(yOf(value) * 10) / 10 }));
  return {
    width,
    height,
    plot,
    points: placed,
    segments,
    gridlines,
    labelY: plot.bottom + 20,
    noteY: plot.bottom + 35,
  };
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => xmlEscapes[c]!);

/**
 * The chart's SVG content as markup: its title (the accessible name), gridlines, line and
 * dots. Built as a string because the chart is static — nothing in it is interactive or
 * changes after the page loads — and as some forty React elements it cost more server time
 * than the rest of the scorecard's markup. Numbers come from the geometry; text is escaped.
 */
export function trendSvgContent(
  g: ChartGeometry,
  title: { id: string; text: string },
  inProgress = '',
): string {
  const parts = [`<title id="${escapeXml(title.id)}">${escapeXml(title.text)}</title>`];
  for (const line of g.gridlines) {
    parts.push(
      `<g class="trend-chart__grid"><line x1="${g.plot.left}" x2="${g.plot.right}" y1="${line.y}" y2="${line.y}"></line>`,
      `<text x="${g.plot.left - 6}" y="${line.y + 4}" text-anchor="end">${line.value}</text></g>`,
    );
  }
  for (const points of g.segments)
    parts.push(`<polyline points="${points}" class="trend-chart__line"></polyline>`);
  for (const p of g.points) {
    parts.push('<g>');
    // A provisional quarter's dot is hollow and its label says "in progress" in words.
    const dot = p.provisional ? 'trend-chart__dot trend-chart__dot--provisional' : 'trend-chart__dot';
    if (p.y !== null) parts.push(`<circle cx="${p.x}" cy="${p.y}" r="4" class="${dot}"></circle>`);
    parts.push(
      `<text x="${p.x}" y="${g.labelY}" text-anchor="middle" class="trend-chart__label">${escapeXml(p.period.replace(/^\d\d/, ''))}</text>`,
    );
    if (p.provisional && inProgress)
      parts.push(
        `<text x="${p.x}" y="${g.noteY}" text-anchor="middle" class="trend-chart__label trend-chart__label--provisional">${escapeXml(inProgress)}</text>`,
      );
    parts.push('</g>');
  }
  return parts.join('');
}
