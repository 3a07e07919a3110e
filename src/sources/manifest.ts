// TEMPORARY minimal parser (the foundation helper replaces it, same signature).
import yaml from 'js-yaml';
import { refOf } from '../model/kinds.js';
import type { InputError, InputNote, InventoryObject, KubeObject } from '../model/types.js';

export interface ParsedText {
  objects: InventoryObject[];
  errors: InputError[];
  notes: InputNote[];
}

/** Parses one file's text (multi-document YAML or JSON) into inventory objects with provenance. */
export function parseManifests(text: string, file: string): ParsedText {
  const out: ParsedText = { objects: [], errors: [], notes: [] };
  for (const doc of yaml.loadAll(text)) {
    if (doc && typeof doc === 'object') {
      const object = doc as KubeObject;
      out.objects.push({ object, ref: refOf(object), location: { file, line: 1 }, origin: 'manifest' });
    }
  }
  return out;
}
