import type { PdfChart } from './spec.ts';

const SERIES_COLORS = ['#114b7a', '#1e6b3a', '#8a5a00', '#b3261e'];

interface Frame {
  x: number;
  y: number;
  width: number;
  colors: { text: string; muted: string; rule: string; accent: string };
}

/** A readable round number above `value` for the axis (1, 2, 2.5, 5 × 10ⁿ). */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= value)!;
  return step * power;
}

/**
 * The value axis in four round steps. Bars start at zero (their length is the value); a line
 * of percentages between 95 and 99 would be flat on a 0–100 axis, so lines start just below
 * their lowest value.
 */
function axisRange(values: number[], type: PdfChart['type']): { min: number; max: number } {
  const dataMin = Math.min(...values, type === 'bar' ? 0 : Number.POSITIVE_INFINITY);
  const dataMax = Math.max(...values, type === 'bar' ? 0 : Number.NEGATIVE_INFINITY);
  if (!Number.isFinite(dataMin) || !Number.isFinite(dataMax)) return { min: 0, max: 1 };
  const step = niceCeil((dataMax - dataMin || Math.abs(dataMax) || 1) / 4);
  let min = Math.floor(dataMin / step) * step;
  if (type === 'line' && min === dataMin && dataMin > 0) min -= step;
  if (dataMin >= 0) min = Math.max(0, min);
  const max = Math.max(min + step * 4, Math.ceil(dataMax / step) * step);
  return { min, max };
}

const formatValue = (value: number, unit = '') =>
  `${Number.isInteger(value) ? value : Math.round(value * 10) / 10}${unit}`;

/**
 * Draws a line or bar chart: a value axis from zero (or the data's minimum when negative),
 * gridlines, the labels under each point, each point's value written next to it (a printed
 * chart has no tooltips), a target line, and a legend when there is more than one series.
 * Missing values (null) leave a gap.
 */
export function drawChart(doc: PDFKit.PDFDocument, chart: PdfChart, frame: Frame) {
  const { colors } = frame;
  const height = chart.height ?? 180;
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(colors.text)
    .text(chart.title, frame.x, frame.y, { width: frame.width });
  const top = doc.y + 8;
  const axisWidth = 36;
  const plot = { x: frame.x + axisWidth, y: top, width: frame.width - axisWidth, height };
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  if (chart.target) values.push(chart.target.value);
  const { min, max } = axisRange(values, chart.type);
  const yOf = (v: number) => plot.y + plot.height - ((v - min) / (max - min || 1)) * plot.height;

  doc.font('regular').fontSize(7.5);
  for (let i = 0; i <= 4; i++) {
    const v = min + ((max - min) * i) / 4;
    const y = yOf(v);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(0.4)
      .strokeColor(colors.rule)
      .stroke();
    doc
      .fillColor(colors.muted)
      .text(formatValue(v, chart.unit), frame.x, y - 4, { width: axisWidth - 4, align: 'right' });
  }

  const slots = Math.max(chart.labels.length, 1);
  const slot = plot.width / slots;
  const xOf = (i: number) => plot.x + slot * i + slot / 2;
  chart.labels.forEach((label, i) => {
    doc.fillColor(colors.muted).text(label, plot.x + slot * i, plot.y + plot.height + 4, {
      width: slot,
      align: 'center',
      lineBreak: false,
    });
  });

  chart.series.forEach((series, s) => {
    const color = SERIES_COLORS[s % SERIES_COLORS.length]!;
    if (chart.type === 'bar') {
      const barWidth = (slot * 0.7) / chart.series.length;
      series.values.forEach((v, i) => {
        if (v === null) return;
        const x = plot.x + slot * i + slot * 0.15 + barWidth * s;
        const y = yOf(Math.max(v, 0));
        doc.rect(x, y, barWidth, Math.abs(yOf(v) - yOf(0)) || 0.5).fill(color);
        doc.fillColor(colors.text).text(formatValue(v, chart.unit), x - 8, y - 10, {
          width: barWidth + 16,
          align: 'center',
          lineBreak: false,
        });
      });
      return;
    }
    let drawing = false;
    series.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xOf(i), yOf(v));
      else doc.moveTo(xOf(i), yOf(v));
      drawing = true;
    });
    doc.lineWidth(1.5).strokeColor(color).stroke();
    series.values.forEach((v, i) => {
      if (v === null) return;
      doc.circle(xOf(i), yOf(v), 2.2).fill(color);
      doc.fillColor(colors.text).text(formatValue(v, chart.unit), xOf(i) - 20, yOf(v) - 12, {
        width: 40,
        align: 'center',
        lineBreak: false,
      });
    });
  });

  if (chart.target) {
    const y = yOf(chart.target.value);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(0.8)
      .dash(3, { space: 3 })
      .strokeColor(colors.accent)
      .stroke()
      .undash();
    // Under the line at the left end, away from the points' own labels (above them).
    doc
      .fillColor(colors.accent)
      .text(chart.target.label, plot.x + 4, y + 3, { width: 160, lineBreak: false });
  }

  let legendY = plot.y + plot.height + 18;
  if (chart.series.length > 1) {
    let x = plot.x;
    chart.series.forEach((series, s) => {
      doc.rect(x, legendY + 2, 8, 8).fill(SERIES_COLORS[s % SERIES_COLORS.length]!);
      doc.fillColor(colors.text).text(series.name, x + 12, legendY, { lineBreak: false });
      x += 24 + doc.widthOfString(series.name);
    });
    legendY += 14;
  }
  doc.x = frame.x;
  doc.y = legendY + 10;
  doc.fillColor(colors.text);
}
