// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OpenShift Template parameters, not JavaScript
// biome-ignore-all lint/suspicious/noExplicitAny: the tests walk processed objects of any shape
import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifest.js';
import { processTemplate } from './template.js';

// Shaped after openshift/library's mysql-ephemeral template (generated user and password, required
// memory limit, a Secret, a Service and a DeploymentConfig) and bcgov templates that pass replicas as
// `${{REPLICAS}}` and namespaces as `${NAMESPACE}`.
const TEMPLATE = `apiVersion: template.openshift.io/v1
kind: Template
metadata:
  name: mysql-ephemeral
labels:
  template: mysql-ephemeral-template
  app: \${DATABASE_SERVICE_NAME}
objects:
- apiVersion: v1
  kind: Secret
  metadata:
    name: \${DATABASE_SERVICE_NAME}
    namespace: hard-coded
  stringData:
    database-user: \${MYSQL_USER}
    database-password: \${MYSQL_PASSWORD}
- apiVersion: v1
  kind: Service
  metadata:
    name: \${DATABASE_SERVICE_NAME}
    namespace: \${NAMESPACE}
  spec:
    ports: [{name: mysql, port: 3306}]
    selector:
      name: \${DATABASE_SERVICE_NAME}
- apiVersion: apps.openshift.io/v1
  kind: DeploymentConfig
  metadata:
    name: \${DATABASE_SERVICE_NAME}
    labels: {app: keep-mine}
  spec:
    replicas: \${{REPLICAS}}
    template:
      metadata:
        labels:
          name: \${DATABASE_SERVICE_NAME}
      spec:
        containers:
        - name: mysql
          image: "image-registry.openshift-image-registry.svc:5000/openshift/mysql:\${MYSQL_VERSION}"
          resources:
            limits:
              memory: \${MEMORY_LIMIT}
parameters:
- name: MEMORY_LIMIT
  required: true
- name: NAMESPACE
  value: openshift
- name: DATABASE_SERVICE_NAME
  value: mysql
  required: true
- name: MYSQL_USER
  generate: expression
  from: user[A-Z0-9]{3}
- name: MYSQL_PASSWORD
  generate: expression
  from: "[a-zA-Z0-9]{16}"
- name: REPLICAS
  value: "2"
- name: MYSQL_VERSION
  value: "8.0-el8"
- name: UNUSED
`;

describe('OpenShift Templates', () => {
  it('are unrolled as oc process would, located inside the template file', () => {
    const parsed = parseManifests(TEMPLATE, 'mysql.yaml');
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.objects.map((o) => `${o.ref.kind}/${o.ref.name}@${o.ref.namespace ?? ''} :${o.location.line}`),
    ).toEqual([
      'Template/mysql-ephemeral@ :1',
      'Secret/mysql@ :9',
      'Service/mysql@openshift :17',
      'DeploymentConfig/mysql@ :26',
    ]);
    const [, secret, service, dc] = parsed.objects.map((o) => o.object as Record<string, any>);
    // Hard-coded namespaces are dropped; parameterised ones kept.
    expect(secret?.metadata).toEqual({
      name: 'mysql',
      labels: { template: 'mysql-ephemeral-template', app: 'mysql' },
    });
    expect(secret?.stringData).toEqual({
      'database-user': '${MYSQL_USER}',
      'database-password': '${MYSQL_PASSWORD}',
    });
    expect(service?.spec.selector).toEqual({ name: 'mysql' });
    // ${{REPLICAS}} is typed; the object's own label wins over the template's.
    expect(dc?.spec.replicas).toBe(2);
    expect(dc?.metadata.labels).toEqual({ template: 'mysql-ephemeral-template', app: 'keep-mine' });
    expect(dc?.spec.template.metadata.labels).toEqual({
      template: 'mysql-ephemeral-template',
      app: 'mysql',
      name: 'mysql',
    });
    expect(dc?.spec.template.spec.containers[0].image).toBe(
      'image-registry.openshift-image-registry.svc:5000/openshift/mysql:8.0-el8',
    );
    expect(dc?.spec.template.spec.containers[0].resources.limits.memory).toBe('${MEMORY_LIMIT}');
    // Fields of unrolled objects are located at their line in the template.
    expect(parsed.objects[3]?.locate?.(['spec', 'replicas'])?.line).toBe(32);
    expect(parsed.notes).toEqual([
      {
        file: 'mysql.yaml',
        message:
          'Template mysql-ephemeral unrolled as `oc process` would: required parameter MEMORY_LIMIT has no value (oc process would stop without -p); MYSQL_USER, MYSQL_PASSWORD are generated at random by oc process (generate: expression); kube2eks kept the placeholder ${NAME} for them',
      },
    ]);
  });

  it('treats ${{NAME}} as OpenShift syntax, not an unrendered Helm template', () => {
    const text = `apiVersion: template.openshift.io/v1
kind: Template
metadata: {name: t}
objects:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    replicas: \${{REPLICAS}}
    template:
      spec:
        containers:
        - name: web
          image: web
          ports:
          - containerPort: \${{PORT}}
parameters:
- {name: REPLICAS, value: "3"}
- {name: PORT, value: "8080"}
`;
    const parsed = parseManifests(text, 't.yaml');
    expect(parsed.errors).toEqual([]);
    const deployment = parsed.objects[1]?.object as Record<string, any>;
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].ports[0].containerPort).toBe(8080);
  });

  it('leaves unknown parameters as written and gives empty values to optional ones', () => {
    const out = processTemplate({
      apiVersion: 'v1',
      kind: 'Template',
      objects: [{ kind: 'ConfigMap', data: { a: '${UNKNOWN}', b: 'x${EMPTY}y' } }],
      parameters: [{ name: 'EMPTY' }],
    });
    expect(out.objects[0]?.object).toEqual({ kind: 'ConfigMap', data: { a: '${UNKNOWN}', b: 'xy' } });
    expect(out.placeholders).toEqual([]);
  });
});
