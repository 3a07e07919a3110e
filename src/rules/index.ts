// The one registry of rules, sorted by id. Each area lists its own rules in <area>/index.ts.

import type { RuleInfo } from '../model/types.js';
import { rules as addon } from './addon/index.js';
import { rules as api } from './api/index.js';
import { rules as cloud } from './cloud/index.js';
import { rules as controlPlane } from './control-plane/index.js';
import { rules as crd } from './crd/index.js';
import { docsUrl, type Rule } from './define.js';
import { rules as exposure } from './exposure/index.js';
import { rules as fargate } from './fargate/index.js';
import { rules as gitops } from './gitops/index.js';
import { rules as hpa } from './hpa/index.js';
import { rules as identity } from './identity/index.js';
import { rules as image } from './image/index.js';
import { rules as ingress } from './ingress/index.js';
import { rules as lb } from './lb/index.js';
import { rules as netpol } from './netpol/index.js';
import { rules as network } from './network/index.js';
import { rules as openshift } from './openshift/index.js';
import { rules as pdb } from './pdb/index.js';
import { rules as rbac } from './rbac/index.js';
import { rules as reference } from './reference/index.js';
import { rules as resources } from './resources/index.js';
import { rules as runtime } from './runtime/index.js';
import { rules as scheduling } from './scheduling/index.js';
import { rules as secrets } from './secrets/index.js';
import { rules as security } from './security/index.js';
import { rules as storage } from './storage/index.js';
import { rules as version } from './version/index.js';

export const registry: readonly Rule[] = [
  ...api,
  ...secrets,
  ...crd,
  ...storage,
  ...lb,
  ...ingress,
  ...identity,
  ...fargate,
  ...image,
  ...scheduling,
  ...pdb,
  ...hpa,
  ...netpol,
  ...rbac,
  ...security,
  ...resources,
  ...network,
  ...controlPlane,
  ...openshift,
  ...addon,
  ...version,
  ...cloud,
  ...runtime,
  ...exposure,
  ...gitops,
  ...reference,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** The metadata reporters receive, from the registry's rules. */
export function ruleInfos(rules: readonly Rule[] = registry): RuleInfo[] {
  return rules.map(({ meta }) => ({
    id: meta.id,
    category: meta.category,
    severity: meta.severity,
    description: meta.description,
    fixable: meta.fixable,
    docsUrl: docsUrl(meta.id),
  }));
}
