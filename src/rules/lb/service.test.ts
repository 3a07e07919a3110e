import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import service from './service.js';

const FIXTURE = `apiVersion: v1
kind: Service
metadata:
  name: fires-gke-internal
  annotations:
    networking.gke.io/load-balancer-type: "Internal"
    networking.gke.io/internal-load-balancer-subnet: "ilb-subnet"
spec:
  type: LoadBalancer
  selector: {app: router}
  ports: [{port: 6446}]
---
apiVersion: v1
kind: Service
metadata: {name: fires-static-ip, namespace: edge}
spec:
  externalTrafficPolicy: Local
  type: LoadBalancer
  loadBalancerIP: 104.154.109.191
  loadBalancerSourceRanges: [10.0.0.0/8]
  ports: [{port: 443}]
---
apiVersion: v1
kind: Service
metadata:
  name: fires-azure
  annotations:
    service.beta.kubernetes.io/azure-load-balancer-internal: "true"
    service.beta.kubernetes.io/azure-load-balancer-resource-group: rg-net
    prometheus.io/scrape: "true"
spec:
  type: LoadBalancer
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: fires-legacy-aws-nlb
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: nlb
spec:
  type: LoadBalancer
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: fires-lbc-without-scheme
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: external
    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
spec:
  type: LoadBalancer
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-cluster-ip
  annotations: {networking.gke.io/load-balancer-type: Internal}
spec:
  # type: LoadBalancer
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-headless}
spec:
  clusterIP: None
  ports: [{port: 3306}]
`;

describe('lb/service', () => {
  const findings = runRule(service, FIXTURE, { targetVersion: '1.31' });
  const byName = (name: string) => findings.find((f) => f.resource.name === name)!;

  it('reports every LoadBalancer Service at its type, never ClusterIP or commented-out ones', () => {
    expect(summarize(findings)).toEqual([
      'warning lb/service Service/fires-gke-internal :9',
      'warning lb/service Service/fires-static-ip@edge :18',
      'warning lb/service Service/fires-azure :32',
      'warning lb/service Service/fires-legacy-aws-nlb :42',
      'warning lb/service Service/fires-lbc-without-scheme :53',
    ]);
  });

  it('translates GKE annotations and keeps what needs values by hand', () => {
    const f = byName('fires-gke-internal');
    expect(f.message).toBe(
      'Service fires-gke-internal of type LoadBalancer becomes an AWS Network Load Balancer on EKS; its GKE annotations networking.gke.io/load-balancer-type and networking.gke.io/internal-load-balancer-subnet have no effect there.',
    );
    expect(f.explanation).toContain(
      'networking.gke.io/load-balancer-type: Internal (internal passthrough Network Load Balancer) becomes service.beta.kubernetes.io/aws-load-balancer-scheme: internal',
    );
    expect(f.remediation).toContain(
      'Fill in by hand: networking.gke.io/internal-load-balancer-subnet -> service.beta.kubernetes.io/aws-load-balancer-subnets: <subnet-ids or Name tags>',
    );
    expect(f.fix).toEqual([
      { op: 'remove', path: '/metadata/annotations/networking.gke.io~1load-balancer-type' },
      {
        op: 'add',
        path: '/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-type',
        value: 'external',
      },
      {
        op: 'add',
        path: '/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-nlb-target-type',
        value: 'ip',
      },
      {
        op: 'add',
        path: '/metadata/annotations/service.beta.kubernetes.io~1aws-load-balancer-scheme',
        value: 'internal',
      },
    ]);
    expect(f.data).toMatchObject({ scheme: 'internal', targetType: 'ip' });
  });

  it('maps loadBalancerIP to Elastic IPs and Local traffic policy to instance targets', () => {
    const f = byName('fires-static-ip');
    expect(f.message).toContain('and its loadBalancerIP 104.154.109.191 cannot move');
    expect(f.remediation).toContain('service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: instance');
    expect(f.remediation).toContain('service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing');
    expect(f.remediation).toContain(
      'list them in service.beta.kubernetes.io/aws-load-balancer-eip-allocations',
    );
    expect(f.remediation).toContain('spec.loadBalancerSourceRanges (10.0.0.0/8) is kept');
    expect(f.fix).toContainEqual({ op: 'remove', path: '/spec/loadBalancerIP' });
    expect(f.fix?.[0]).toEqual({
      op: 'add',
      path: '/metadata/annotations',
      value: {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance',
        'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      },
    });
  });

  it('names Azure annotations, drops those without an equivalent, ignores application annotations', () => {
    const f = byName('fires-azure');
    expect(f.message).toContain(
      'AKS annotations service.beta.kubernetes.io/azure-load-balancer-internal and service.beta.kubernetes.io/azure-load-balancer-resource-group',
    );
    expect(f.message).not.toContain('prometheus.io');
    expect(f.explanation).toContain(
      'azure-load-balancer-resource-group: rg-net (resource group of the public IP) has no EKS equivalent',
    );
    expect(f.data).toMatchObject({ scheme: 'internal' });
  });

  it('moves the legacy in-tree NLB annotation to the controller, and warns about the internal default', () => {
    expect(byName('fires-legacy-aws-nlb').message).toContain(
      'AWS in-tree provider annotation service.beta.kubernetes.io/aws-load-balancer-type',
    );
    const lbc = byName('fires-lbc-without-scheme');
    expect(lbc.message).toBe(
      'Service fires-lbc-without-scheme of type LoadBalancer is already set up for the AWS Load Balancer Controller (service.beta.kubernetes.io/aws-load-balancer-type: external), but it sets no service.beta.kubernetes.io/aws-load-balancer-scheme, so the NLB will be internal.',
    );
  });

  it('uses IP targets when the Service allocates no node ports', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: fires-no-node-ports}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  allocateLoadBalancerNodePorts: false
  ports: [{port: 443}]
`;
    const [f] = runRule(service, text, { targetVersion: '1.31' });
    expect(f?.data).toMatchObject({ targetType: 'ip' });
    expect(f?.remediation).toContain('preserve_client_ip.enabled=true');
  });
  it('reads provider annotations by value, Classic Load Balancer settings and AWS resource names', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: fires-openstack-public
  annotations:
    service.beta.kubernetes.io/openstack-internal-load-balancer: "false"
    loadbalancer.openstack.org/floating-network-id: "9be23551"
    loadbalancer.openstack.org/timeout-client-data: "30000"
spec:
  type: LoadBalancer
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata:
  name: fires-classic-l7
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:us-west-2:111122223333:certificate/abc
    service.beta.kubernetes.io/aws-load-balancer-backend-protocol: http
    service.beta.kubernetes.io/aws-load-balancer-ssl-ports: https
    service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout: "120"
    service.beta.kubernetes.io/aws-load-balancer-connection-draining-timeout: "30"
spec:
  type: LoadBalancer
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: https, port: 443, targetPort: http}
---
apiVersion: v1
kind: Service
metadata:
  name: fires-metallb-private
  annotations:
    metallb.io/address-pool: lan
spec:
  type: LoadBalancer
  loadBalancerIP: 192.168.1.240
  ports: [{port: 53, protocol: UDP}]
`;
    const found = runRule(service, text, { targetVersion: '1.31' });
    const named = (name: string) => found.find((f) => f.resource.name === name)!;

    const openstack = named('fires-openstack-public');
    expect(openstack.explanation).toContain(
      'service.beta.kubernetes.io/openstack-internal-load-balancer: false (set to false: a public load balancer) becomes service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing',
    );
    expect(openstack.explanation).toContain(
      'loadbalancer.openstack.org/timeout-client-data: 30000 (client inactivity timeout (milliseconds)) becomes service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-80: tcp.idle_timeout.seconds=60',
    );
    expect(openstack.explanation).toContain('30 s is below the NLB minimum, so 60 s is used');
    expect(openstack.data).toMatchObject({ scheme: 'internet-facing' });

    const classic = named('fires-classic-l7');
    expect(classic.data?.eksAnnotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
      'service.beta.kubernetes.io/aws-load-balancer-backend-protocol': 'tcp',
      'service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-80':
        'tcp.idle_timeout.seconds=120',
      'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes':
        'deregistration_delay.timeout_seconds=30',
    });
    expect(classic.explanation).toContain('TLS listeners keep a fixed 350 s idle timeout');
    expect(classic.explanation).toContain(
      'service.beta.kubernetes.io/aws-load-balancer-ssl-cert (ACM certificate ARN: arn:aws:acm:us-west-2:111122223333:certificate/abc) is read as written',
    );
    expect(classic.explanation).not.toContain('no EKS equivalent');

    const metallb = named('fires-metallb-private');
    expect(metallb.explanation).toContain('metallb.io/address-pool: lan (choose IPAddressPool');
    expect(metallb.explanation).not.toContain('not known to kube2eks');
    expect(metallb.remediation).toContain('192.168.1.240 is a private address of the old network');
    expect(metallb.remediation).toContain(
      'service.beta.kubernetes.io/aws-load-balancer-private-ipv4-addresses',
    );
    expect(metallb.remediation).toContain('service.beta.kubernetes.io/aws-load-balancer-eip-allocations');
  });
});
