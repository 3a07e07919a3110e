// "What to do first": the migration checklist (src/plan/checklist.ts, carried in AssessResult.checklist) as
// numbered steps, each tagged with its heading of the migration method. The checklist decides the steps
// and their order; this module only lays them out.
import type { ChecklistItem, RuleInfo } from '../../model/types.js';
import { AREA_TITLES, type Area, areaOf, STEP_AREAS } from './areas.js';
import { html, type SafeHtml } from './escape.js';

/** The areas a step touches: its own, or for the blockers step the areas of its lines' findings. */
export function stepAreas(item: ChecklistItem, rules: readonly RuleInfo[]): Area[] {
  const own = STEP_AREAS[item.step];
  if (own) return [own];
  const categoryOf = new Map(rules.map((r) => [r.id, r.category]));
  const areas = new Set<Area>();
  for (const line of item.lines)
    for (const f of line.findings) {
      const category = categoryOf.get(f.ruleId);
      if (category) areas.add(areaOf(category));
    }
  return [...areas];
}

export function checklistSection(
  items: readonly ChecklistItem[] | undefined,
  rules: readonly RuleInfo[],
): SafeHtml {
  if (!items || items.length === 0) return html``;
  return html`<div class="todo" id="todo"><h3>What to do first</h3><ol class="steps">${items.map(
    (item, i) =>
      html`<li id="todo-${i + 1}" data-step="${item.step}"><div class="shead"><span class="snum">${i + 1}</span><div><b>${item.title}</b>${stepAreas(item, rules).map((a) => html` <span class="tag">${AREA_TITLES[a]}</span>`)}</div></div><ul>${item.lines.map((l) => html`<li>${l.text}</li>`)}</ul></li>`,
  )}</ol></div>`;
}

/** Links to the steps of one area, for the area's card. */
export function areaSteps(
  area: Area,
  items: readonly ChecklistItem[] | undefined,
  rules: readonly RuleInfo[],
): SafeHtml {
  if (!items) return html``;
  const steps = items.flatMap((item, i) =>
    stepAreas(item, rules).includes(area) ? [{ item, n: i + 1 }] : [],
  );
  if (steps.length === 0) return html``;
  return html`<p class="asteps">To do: ${steps.map(({ item, n }, k) => html`${k > 0 ? ', ' : ''}<a href="#todo-${n}">${n}. ${item.title}</a>`)}</p>`;
}
