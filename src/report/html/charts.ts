// Static SVG charts, drawn when the report is written: horizontal bars, optionally stacked. Colours come
// from CSS classes (`tone-*`), so the light and dark schemes both apply; every chart carries its values as
// a <title> and <desc> text alternative, and the report shows the same numbers in a table beside it.
import { html, type SafeHtml } from './escape.js';

export interface ChartSegment {
  value: number;
  /** CSS tone: `blocker`, `warning`, `info`, `ok`, `c1`…`c8`. */
  tone: string;
  /** What the segment is, for the text alternative. */
  label: string;
}

export interface ChartRow {
  /** Rows of one group follow a heading line with this name (e.g. a node group's CPU, memory, pods). */
  group?: string;
  label: string;
  segments: ChartSegment[];
  /** The value as shown at the end of the bar (e.g. `$560.64`, `71%`). */
  display: string;
}

export interface BarChartSpec {
  /** Unique within the report (the SVG's title and desc ids derive from it). */
  id: string;
  title: string;
  rows: ChartRow[];
  /** The value of a full-width bar; the largest row total by default. */
  max?: number;
  /** Draw the full-width track behind each bar (for shares of a whole, e.g. utilisation). */
  track?: boolean;
}

const WIDTH = 360;
const LABEL_WIDTH = 132;
const VALUE_WIDTH = 70;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;

/** Shortens a label to what fits the label column; the full label stays in the text alternative. */
function clip(label: string, chars = 20): string {
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function barChart(spec: BarChartSpec): SafeHtml {
  const totals = spec.rows.map((r) => r.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0));
  const max = spec.max ?? Math.max(0, ...totals);
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const scale = (v: number) => (max > 0 ? (Math.max(0, v) / max) * barSpace : 0);
  const desc = spec.rows
    .map((r) => {
      const parts =
        r.segments.length > 1 ? ` (${r.segments.map((s) => `${s.label} ${s.value}`).join(', ')})` : '';
      return `${r.group ? `${r.group} ` : ''}${r.label}: ${r.display}${parts}`;
    })
    .join('; ');

  let y = 2;
  let group: string | undefined;
  const rows: SafeHtml[] = [];
  for (const row of spec.rows) {
    if (row.group !== undefined && row.group !== group) {
      group = row.group;
      rows.push(html`<text class="group" x="0" y="${y + ROW_HEIGHT / 2 + 4}">${clip(group, 44)}</text>`);
      y += ROW_HEIGHT;
    }
    const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const textY = y + ROW_HEIGHT / 2 + 4;
    let x = LABEL_WIDTH;
    const segments = row.segments.map((s) => {
      const w = scale(s.value);
      const rect = html`<rect class="tone-${s.tone}" x="${round(x)}" y="${barY}" width="${round(w)}" height="${BAR_HEIGHT}" rx="2"><title>${s.label}: ${s.value}</title></rect>`;
      x += w;
      return rect;
    });
    rows.push(
      html`<g class="row"><text class="label" x="${LABEL_WIDTH - 8}" y="${textY}" text-anchor="end">${clip(row.label)}</text>${
        spec.track
          ? html`<rect class="track" x="${LABEL_WIDTH}" y="${barY}" width="${barSpace}" height="${BAR_HEIGHT}" rx="2"/>`
          : ''
      }${segments}<text class="value" x="${round(x + 6)}" y="${textY}">${row.display}</text></g>`,
    );
    y += ROW_HEIGHT;
  }
  const height = y + 2;

  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${spec.id}-t ${spec.id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${spec.id}-t">${spec.title}</title><desc id="${spec.id}-d">${desc}</desc>${rows}</svg>`;
}
