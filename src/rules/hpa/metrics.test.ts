import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import metrics from './metrics.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template: {spec: {containers: [{name: web, image: web:1}]}}
---
apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: fires-cpu-v1, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  targetCPUUtilizationPercentage: 70
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fires-pubsub, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: memory, target: {type: Utilization, averageUtilization: 80}}
  - type: External
    external:
      metric:
        name: pubsub.googleapis.com|subscription|num_undelivered_messages
        selector: {matchLabels: {resource.labels.subscription_id: orders}}
      target: {type: AverageValue, averageValue: "10"}
---
apiVersion: autoscaling/v2beta1
kind: HorizontalPodAutoscaler
metadata: {name: fires-custom-v2beta1, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  maxReplicas: 5
  metrics:
  - type: Pods
    pods: {metricName: http_requests_per_second, targetAverageValue: "100"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dont-fire-configmap, namespace: shop}
data: {kind: HorizontalPodAutoscaler}
`;

describe('hpa/metrics', () => {
  const findings = runRule(metrics, FIXTURE);

  it('reports every HorizontalPodAutoscaler', () => {
    expect(summarize(findings)).toEqual([
      'warning hpa/metrics HorizontalPodAutoscaler/fires-cpu-v1@shop :10',
      'warning hpa/metrics HorizontalPodAutoscaler/fires-pubsub@shop :22',
      'warning hpa/metrics HorizontalPodAutoscaler/fires-custom-v2beta1@shop :38',
    ]);
  });

  it('asks for metrics-server for resource metrics', () => {
    expect(findings[0]?.message).toBe(
      'HorizontalPodAutoscaler fires-cpu-v1 scales Deployment web on cpu; EKS needs metrics-server for it.',
    );
    expect(findings[0]?.remediation).toContain('metrics-server EKS add-on');
  });

  it('names the source metric and the adapter to use on EKS', () => {
    const [, pubsub, custom] = findings;
    expect(pubsub?.message).toBe(
      'HorizontalPodAutoscaler fires-pubsub scales Deployment web on External metrics pubsub.googleapis.com|subscription|num_undelivered_messages, which no adapter serves on EKS yet.',
    );
    expect(pubsub?.explanation).toContain('Google Cloud Monitoring');
    expect(pubsub?.remediation).toContain('KEDA');
    expect(pubsub?.remediation).toContain('CloudWatch');
    expect(pubsub?.remediation).toContain('the memory metrics also need the metrics-server EKS add-on');
    expect(custom?.message).toBe(
      'HorizontalPodAutoscaler fires-custom-v2beta1 scales Deployment api on Pods metrics http_requests_per_second, which no adapter serves on EKS yet. Its target Deployment api is not in the input.',
    );
    expect(custom?.remediation).toContain('prometheus-adapter');
  });
});

describe('hpa/metrics on real-world metric sources and adapters', () => {
  const text = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fires-gmp-metric}
spec:
  scaleTargetRef: {apiVersion: leaderworkerset.x-k8s.io/v1, kind: LeaderWorkerSet, name: vllm}
  maxReplicas: 2
  metrics:
  - type: Pods
    pods:
      metric: {name: "prometheus.googleapis.com|vllm:num_requests_waiting|gauge"}
      target: {type: AverageValue, averageValue: 5}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fires-old-fields-under-v2, namespace: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: sd}
  maxReplicas: 5
  metrics:
  - type: Pods
    pods: {metricName: foo, targetAverageValue: 20}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.custom.metrics.k8s.io}
spec:
  group: custom.metrics.k8s.io
  version: v1beta1
  service: {name: custom-metrics-stackdriver-adapter, namespace: custom-metrics}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.external.metrics.k8s.io}
spec:
  group: external.metrics.k8s.io
  version: v1beta1
  service: {name: datadog-cluster-agent-metrics-api, namespace: default}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fires-datadog-metric}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: nginx}
  maxReplicas: 5
  metrics:
  - type: External
    external:
      metric: {name: nginx.net.request_per_s}
      target: {type: AverageValue, averageValue: 9}
`;
  const findings = runRule(metrics, text);
  const byName = (n: string) => findings.find((f) => f.resource.name === n);

  it('maps a Managed Prometheus metric to Amazon Managed Service for Prometheus, not to a queue', () => {
    const gmp = byName('fires-gmp-metric');
    expect(gmp?.message).toBe(
      "HorizontalPodAutoscaler fires-gmp-metric scales LeaderWorkerSet vllm on Pods metrics prometheus.googleapis.com|vllm:num_requests_waiting|gauge, served in the input by GKE's Custom Metrics Stackdriver Adapter, which does not work on EKS. Its target LeaderWorkerSet vllm is not in the input.",
    );
    expect(gmp?.explanation).toContain(
      'scrape vllm:num_requests_waiting into Amazon Managed Service for Prometheus',
    );
    expect(gmp?.explanation).not.toContain('SQS');
  });

  it('flags autoscaling/v2beta1 field names written under autoscaling/v2', () => {
    const old = byName('fires-old-fields-under-v2');
    expect(old?.message).toContain(
      'Its metrics use the autoscaling/v2beta1 fields metricName and targetAverageValue under autoscaling/v2, which the API server rejects as unknown fields.',
    );
    expect(old?.remediation).toContain('metric.name and metric.selector');
  });

  it('names an adapter of the input that can move to EKS', () => {
    const dd = byName('fires-datadog-metric');
    expect(dd?.message).toContain(
      'served in the input by the Datadog Cluster Agent, which must be installed on EKS first',
    );
    expect(dd?.remediation).toMatch(
      /^Install the Datadog Cluster Agent on EKS with its external metrics provider enabled/,
    );
    expect(dd?.data).toMatchObject({ adapter: 'the Datadog Cluster Agent' });
  });

  it('keeps the plain wording when the input holds no adapter', () => {
    const plain = runRule(
      metrics,
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fires-no-adapter}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: x}
  maxReplicas: 3
  metrics:
  - type: Object
    object:
      metric: {name: requests}
      describedObject: {apiVersion: v1, kind: Service, name: x}
      target: {type: Value, value: 10}
`,
    );
    expect(plain[0]?.message).toContain('which no adapter serves on EKS yet');
    expect(plain[0]?.explanation).toContain('EKS installs none by default.');
  });
});
