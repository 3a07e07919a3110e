// OpenShift Templates unrolled as `oc process` would without arguments, so that the objects a Template
// holds are assessed like any other. Pure: the parser (./manifest.ts) calls it and emits the objects.
//
// Semantics follow `oc process` (openshift/openshift-apiserver pkg/template/templateprocessing):
// `${NAME}` is replaced inside any string (keys too); `${{NAME}}` only when it is the whole string, and
// then by the value read as JSON (so `${{REPLICAS}}` becomes the number 3); a parameter without a value is
// the empty string; the Template's `labels` are added to every object (and to the pod template of
// DeploymentConfigs) without replacing an object's own label; a hard-coded metadata.namespace is dropped
// (one written with a parameter is kept). Where `oc process` would stop (a required parameter without a
// value) or invent a random value (`generate: expression`), kube2eks keeps the placeholder `${NAME}` and
// says so in a note: the result must be deterministic.
import { isRecord } from '../model/kinds.js';
import type { KubeObject } from '../model/types.js';

export interface ProcessedTemplate {
  /** The objects, processed, with their index in `objects`. */
  objects: Array<{ object: unknown; index: number }>;
  /** Parameters kube2eks could not give the value `oc process` would, for a note. */
  placeholders: Array<{ name: string; reason: 'required' | 'generated' }>;
}

const PARAM = /\$\{([a-zA-Z0-9_]+)\}/g;
const WHOLE_TYPED = /^\$\{\{([a-zA-Z0-9_]+)\}\}$/;

/** `kind: Template` of template.openshift.io (or the legacy core `v1` Template of OpenShift 3). */
export function isOpenShiftTemplate(obj: KubeObject): boolean {
  if (obj.kind !== 'Template' || !Array.isArray(obj.objects)) return false;
  const api = String(obj.apiVersion ?? '');
  return api === 'v1' || api.startsWith('template.openshift.io/');
}

interface Param {
  value: string;
  /** Kept as `${NAME}`: no value oc process would give without arguments. */
  placeholder: boolean;
}

function parameters(
  template: KubeObject,
  placeholders: ProcessedTemplate['placeholders'],
): Map<string, Param> {
  const out = new Map<string, Param>();
  const list = Array.isArray(template.parameters) ? template.parameters : [];
  for (const p of list) {
    if (!isRecord(p) || typeof p.name !== 'string' || p.name === '') continue;
    const written = p.value;
    const hasValue =
      (typeof written === 'string' && written !== '') ||
      typeof written === 'number' ||
      typeof written === 'boolean';
    if (hasValue) {
      out.set(p.name, { value: String(written), placeholder: false });
    } else if (p.generate === 'expression') {
      out.set(p.name, { value: `\${${p.name}}`, placeholder: true });
      placeholders.push({ name: p.name, reason: 'generated' });
    } else if (p.required === true) {
      out.set(p.name, { value: `\${${p.name}}`, placeholder: true });
      placeholders.push({ name: p.name, reason: 'required' });
    } else {
      out.set(p.name, { value: '', placeholder: false });
    }
  }
  return out;
}

function substituteString(text: string, params: ReadonlyMap<string, Param>): unknown {
  const typed = WHOLE_TYPED.exec(text);
  if (typed) {
    const param = params.get(typed[1] ?? '');
    if (!param) return text;
    if (param.placeholder) return param.value;
    try {
      return JSON.parse(param.value);
    } catch {
      return param.value;
    }
  }
  if (!text.includes('${')) return text;
  // Unknown parameters stay as written, as oc leaves them.
  return text.replace(PARAM, (whole, name: string) => params.get(name)?.value ?? whole);
}

function substitute(value: unknown, params: ReadonlyMap<string, Param>, depth = 0): unknown {
  if (depth > 200) return value;
  if (typeof value === 'string') return substituteString(value, params);
  if (Array.isArray(value)) return value.map((v) => substitute(v, params, depth + 1));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const newKey = key.includes('${') ? String(substituteString(key, params)) : key;
      out[newKey] = substitute(child, params, depth + 1);
    }
    return out;
  }
  return value;
}

function addLabels(target: Record<string, unknown>, labels: Record<string, string>): void {
  const meta = isRecord(target.metadata) ? target.metadata : {};
  const current = isRecord(meta.labels) ? meta.labels : {};
  target.metadata = { ...meta, labels: { ...labels, ...current } };
}

/** The objects of a Template as `oc process` (no arguments) would output them. */
export function processTemplate(template: KubeObject): ProcessedTemplate {
  const placeholders: ProcessedTemplate['placeholders'] = [];
  const params = parameters(template, placeholders);
  const labelsRaw = isRecord(template.labels) ? substitute(template.labels, params) : {};
  const labels: Record<string, string> = {};
  if (isRecord(labelsRaw))
    for (const [k, v] of Object.entries(labelsRaw)) if (v !== undefined && v !== null) labels[k] = String(v);
  const objects: ProcessedTemplate['objects'] = [];
  (template.objects as unknown[]).forEach((raw, index) => {
    if (!isRecord(raw)) {
      objects.push({ object: raw, index });
      return;
    }
    const writtenNs = isRecord(raw.metadata) ? raw.metadata.namespace : undefined;
    const object = substitute(raw, params) as Record<string, unknown>;
    if (
      isRecord(object.metadata) &&
      writtenNs !== undefined &&
      !(typeof writtenNs === 'string' && writtenNs.includes('${'))
    ) {
      const { namespace: _dropped, ...rest } = object.metadata;
      object.metadata = rest;
    }
    if (Object.keys(labels).length) {
      addLabels(object, labels);
      const podTemplate = isRecord(object.spec) ? object.spec.template : undefined;
      if (object.kind === 'DeploymentConfig' && isRecord(podTemplate)) addLabels(podTemplate, labels);
    }
    objects.push({ object, index });
  });
  return { objects, placeholders };
}

/** The note that says which parameters kept a placeholder, or undefined when none did. */
export function placeholderNote(
  templateName: string,
  placeholders: ProcessedTemplate['placeholders'],
): string | undefined {
  if (placeholders.length === 0) return undefined;
  const required = placeholders.filter((p) => p.reason === 'required').map((p) => p.name);
  const generated = placeholders.filter((p) => p.reason === 'generated').map((p) => p.name);
  const parts: string[] = [];
  if (required.length)
    parts.push(
      `required parameter${required.length > 1 ? 's' : ''} ${required.join(', ')} ha${required.length > 1 ? 've' : 's'} no value (oc process would stop without -p)`,
    );
  if (generated.length)
    parts.push(
      `${generated.join(', ')} ${generated.length > 1 ? 'are' : 'is'} generated at random by oc process (generate: expression)`,
    );
  return `Template ${templateName} unrolled as \`oc process\` would: ${parts.join('; ')}; kube2eks kept the placeholder \${NAME} for ${placeholders.length > 1 ? 'them' : 'it'}`;
}
