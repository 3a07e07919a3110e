import { describe, expect, it } from 'vitest';
import type { InventoryObject } from '../model/types.js';
import { defineRule, fillTemplate, type MessageTemplate, toFinding } from './define.js';

const item: InventoryObject = {
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
  ref: { apiVersion: 'v1', kind: 'Service', name: 'web' },
  location: { file: 'svc.yaml', line: 1 },
  origin: 'manifest',
};

const template: MessageTemplate = {
  message: '{{kind}} {{ name }} uses {{ports}}{{missing}}.',
  explanation: 'Ports: {{ports}}; count {{count}}, open {{open}}.',
  remediation: 'No placeholder here.',
};

const rule = defineRule({
  meta: {
    id: 'test/template',
    targets: ['Service'],
    category: 'exposure',
    severity: 'info',
    description: 'Test rule.',
    fixable: false,
    messages: { ports: template },
  },
  checkObject() {},
});

describe('toFinding', () => {
  it('fills placeholders as fillTemplate does: lists joined, numbers and booleans as text, missing ones empty', () => {
    const data = { kind: 'Service', name: 'web', ports: ['80', '443', '8080'], count: 3, open: false };
    for (let run = 0; run < 2; run++) {
      // The second run reads the template pieces cut by the first.
      const finding = toFinding(rule.meta, { item, messageId: 'ports', data });
      expect(finding.message).toBe('Service web uses 80, 443 and 8080.');
      expect(finding.explanation).toBe('Ports: 80, 443 and 8080; count 3, open false.');
      expect(finding.remediation).toBe('No placeholder here.');
      for (const field of ['message', 'explanation', 'remediation'] as const)
        expect(finding[field]).toBe(fillTemplate(template[field], data));
    }
  });

  it('fills nothing without data', () => {
    expect(toFinding(rule.meta, { item, messageId: 'ports' }).message).toBe('  uses .');
  });
});
