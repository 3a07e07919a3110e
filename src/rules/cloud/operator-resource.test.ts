import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { cloudOperatorOf } from '../../model/cloud-services.js';
import rule from './operator-resource.js';

// Shapes from GoogleCloudPlatform/k8s-config-connector samples (SQLInstance, StorageBucket, PubSubTopic),
// Azure/azure-service-operator v2 samples (FlexibleServer, Redis) and crossplane-contrib provider-gcp.
const FIXTURE = `apiVersion: sql.cnrm.cloud.google.com/v1beta1
kind: SQLInstance
metadata: {name: fires-sqlinstance, namespace: config-control}
spec:
  databaseVersion: POSTGRES_15
  region: europe-west3
  settings: {tier: db-custom-1-3840}
---
apiVersion: storage.cnrm.cloud.google.com/v1beta1
kind: StorageBucket
metadata: {name: fires-bucket}
spec: {location: EU, uniformBucketLevelAccess: true}
---
apiVersion: dbforpostgresql.azure.com/v1api20210601
kind: FlexibleServer
metadata: {name: fires-flexible-server}
spec: {location: westus2, owner: {name: aso-sample-rg}, version: "13"}
---
apiVersion: cache.azure.com/v1api20201201
kind: Redis
metadata: {name: fires-redis}
spec: {location: westus2, sku: {family: C, name: Basic, capacity: 0}}
---
apiVersion: compute.cnrm.cloud.google.com/v1beta1
kind: ComputeInstanceTemplate
metadata: {name: fires-unmapped}
spec: {machineType: n1-standard-1}
---
apiVersion: database.gcp.crossplane.io/v1beta1
kind: CloudSQLInstance
metadata: {name: fires-crossplane}
spec: {forProvider: {databaseVersion: MYSQL_8_0}}
---
apiVersion: approuting.kubernetes.azure.com/v1alpha1
kind: NginxIngressController
metadata: {name: dont-fire-aks-addon}
spec: {ingressClassName: nginx-internal}
---
apiVersion: rds.services.k8s.aws/v1alpha1
kind: DBInstance
metadata: {name: dont-fire-ack}
spec: {engine: postgres}
`;

describe('cloud/operator-resource', () => {
  it('names the ACK and Crossplane AWS kinds that replace each resource', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning cloud/operator-resource SQLInstance/fires-sqlinstance@config-control :2',
      'warning cloud/operator-resource StorageBucket/fires-bucket :10',
      'warning cloud/operator-resource FlexibleServer/fires-flexible-server :15',
      'warning cloud/operator-resource Redis/fires-redis :20',
      'warning cloud/operator-resource ComputeInstanceTemplate/fires-unmapped :25',
      'warning cloud/operator-resource CloudSQLInstance/fires-crossplane :30',
    ]);
    const [sql, bucket, flexible, redis, unmapped, crossplane] = findings;
    expect(sql?.message).toBe(
      'SQLInstance fires-sqlinstance (sql.cnrm.cloud.google.com/v1beta1) declares a Google Cloud resource; on AWS it becomes Amazon RDS or Aurora.',
    );
    expect(sql?.remediation).toContain('rds.services.k8s.aws DBInstance');
    expect(sql?.remediation).toContain('rds.aws.upbound.io Instance');
    expect(bucket?.remediation).toContain('s3.services.k8s.aws Bucket');
    expect(flexible?.explanation).toContain('Azure Service Operator');
    expect(redis?.message).toContain('Amazon ElastiCache');
    expect(unmapped?.message).toBe(
      'ComputeInstanceTemplate fires-unmapped (compute.cnrm.cloud.google.com/v1beta1) declares a Google Cloud resource.',
    );
    expect(crossplane?.explanation).toContain('Crossplane provider-gcp');
  });

  it('leaves AKS groups to the AKS rules', () => {
    expect(cloudOperatorOf('approuting.kubernetes.azure.com')).toBeUndefined();
    expect(cloudOperatorOf('storage.azure.com')?.label).toBe('Azure Service Operator');
  });
});
