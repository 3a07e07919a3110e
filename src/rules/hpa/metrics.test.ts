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
