import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './node-port.js';

// Shapes from GoogleCloudPlatform/kubernetes-engine-samples (load-balancing: a NodePort `web` Service behind a
// GKE Ingress) and kubernetes/examples (guestbook frontend exposed as NodePort on bare-metal clusters).
const FIXTURE = `apiVersion: v1
kind: Service
metadata: {name: fires-frontend, namespace: guestbook}
spec:
  type: NodePort
  selector: {app: guestbook, tier: frontend}
  ports: [{port: 80, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-gke-backend, namespace: default}
spec:
  type: NodePort
  selector: {run: web}
  ports: [{port: 8080, targetPort: 8080, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: basic-ingress, namespace: default}
spec:
  defaultBackend:
    service: {name: dont-fire-gke-backend, port: {number: 8080}}
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-cluster-ip}
spec: {selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-system, namespace: kube-system}
spec: {type: NodePort, ports: [{port: 443, nodePort: 30443}]}
`;

describe('exposure/node-port', () => {
  it('fires on NodePort entry points, not on Ingress backends', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual(['warning exposure/node-port Service/fires-frontend@guestbook :5']);
    expect(findings[0]?.message).toBe(
      'Service guestbook/fires-frontend is reached on node port 30080 (port 80) of every node.',
    );
    expect(findings[0]?.explanation).toContain('private subnets');
    expect(findings[0]?.remediation).toContain('NLB');
    expect(findings[0]?.remediation).toContain('ingressClassName alb');
  });
});
