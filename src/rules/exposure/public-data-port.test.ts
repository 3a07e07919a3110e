import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './public-data-port.js';

// Shapes from kubernetes/examples (redis and cassandra services), elastic/cloud-on-k8s quickstarts
// (Elasticsearch exposed as LoadBalancer) and GoogleCloudPlatform/kubernetes-engine-samples (internal
// load balancer annotation for a MySQL service).
const FIXTURE = `apiVersion: v1
kind: Service
metadata: {name: fires-redis, namespace: cache}
spec:
  type: LoadBalancer
  selector: {app: redis}
  ports: [{name: redis, port: 6379}]
---
apiVersion: v1
kind: Service
metadata: {name: fires-es-restricted}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [203.0.113.0/24]
  ports: [{name: http, port: 443, targetPort: 9200}]
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-internal-mysql
  annotations: {networking.gke.io/load-balancer-type: Internal}
spec:
  type: LoadBalancer
  ports: [{port: 3306}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-web}
spec:
  type: LoadBalancer
  ports: [{port: 80}, {port: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-private-ranges}
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [10.0.0.0/8]
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-metallb
  annotations: {metallb.universe.tf/address-pool: lan}
spec:
  type: LoadBalancer
  ports: [{port: 27017}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-cluster-ip-postgres}
spec: {ports: [{port: 5432}]}
`;

describe('exposure/public-data-port', () => {
  it('fires on data and admin ports of external load balancers and says which way the advice goes', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning exposure/public-data-port Service/fires-redis@cache :7',
      'info exposure/public-data-port Service/fires-es-restricted :15',
    ]);
    const [redis, es] = findings;
    expect(redis?.message).toBe(
      'Service cache/fires-redis puts 6379 (Redis) on an internet-facing load balancer.',
    );
    expect(redis?.explanation).toContain('internal NLB unless the Service says otherwise');
    expect(redis?.explanation).toContain('narrows its exposure compared with the source');
    expect(redis?.remediation).toContain(
      'service.beta.kubernetes.io/aws-load-balancer-scheme: internal explicitly',
    );
    expect(es?.message).toContain('443 (Elasticsearch)');
    expect(es?.explanation).toContain('from 203.0.113.0/24');
  });
});
