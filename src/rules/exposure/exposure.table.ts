// Ports that should not face the internet, and how certificates reach an ALB.
// Sources (checked 2026-12): IANA service name and port registry (ms-sql-s 1433, mysql 3306, postgresql
// 5432, mongodb 27017, amqp 5672, …) and the projects' documented defaults (Redis 6379, Elasticsearch
// 9200/9300, Kibana 5601, Memcached 11211, Cassandra 9042, Kafka 9092, ZooKeeper 2181, etcd 2379,
// RabbitMQ management 15672, InfluxDB 8086, Consul 8500, Docker API 2375/2376); AWS Load Balancer
// Controller docs (Service annotations: scheme defaults to internal; Ingress: certificate-arn and
// certificate discovery by host through ACM); AWS Certificate Manager user guide (imported certificates are
// not renewed by ACM; public certificates with DNS validation renew automatically).

export const SENSITIVE_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  1433: 'SQL Server',
  1521: 'Oracle Database',
  2181: 'ZooKeeper',
  2375: 'Docker API',
  2376: 'Docker API (TLS)',
  2379: 'etcd',
  3306: 'MySQL',
  3389: 'RDP',
  5432: 'PostgreSQL',
  5601: 'Kibana',
  5672: 'AMQP (RabbitMQ)',
  6379: 'Redis',
  8086: 'InfluxDB',
  8500: 'Consul',
  9042: 'Cassandra',
  9092: 'Kafka',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  11211: 'Memcached',
  15672: 'RabbitMQ management',
  27017: 'MongoDB',
};

/** Source ranges that keep a load balancer private. */
export const PRIVATE_RANGES = [
  /^10\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

/** Annotations that say who issues an Ingress's certificate (cert-manager ingress-shim). */
export const CERT_MANAGER_ANNOTATIONS = [
  'cert-manager.io/cluster-issuer',
  'cert-manager.io/issuer',
  'kubernetes.io/tls-acme',
] as const;

export const ALB_CERTIFICATE_ANNOTATION = 'alb.ingress.kubernetes.io/certificate-arn';

/** Annotations on-premises load balancers use: their addresses are not internet-facing by default. */
export const LOCAL_LB_PREFIXES = [
  'metallb.universe.tf/',
  'metallb.io/',
  'kube-vip.io/',
  'lbipam.cilium.io/',
  'io.cilium/lb-ipam',
];
