// A local stand-in for the three AWS APIs `catalog refresh` calls, answering in their real wire formats:
// EC2 Query protocol (form-encoded POST, XML response, NextToken pagination), the Price List API
// (JSON 1.1, X-Amz-Target, PriceList entries as JSON strings) and EKS (REST-JSON, epoch-second dates).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeAws {
  url: string;
  requests: RecordedRequest[];
  /** Make the next calls of a service fail with this HTTP status and AWS error code. */
  failWith: Partial<Record<'ec2' | 'pricing' | 'eks', { status: number; code: string; message: string }>>;
  close(): Promise<void>;
}

/** DescribeAddonVersions in two pages: vpc-cni and coredns, then an add-on the table does not know. */
export const ADDON_PAGES = [
  [
    {
      addonName: 'vpc-cni',
      type: 'networking',
      addonVersions: [
        {
          addonVersion: 'v1.21.1-eksbuild.1',
          compatibilities: [
            { clusterVersion: '1.36', defaultVersion: true },
            { clusterVersion: '1.35', defaultVersion: true },
          ],
        },
        {
          addonVersion: 'v1.20.4-eksbuild.2',
          compatibilities: [
            { clusterVersion: '1.35', defaultVersion: false },
            { clusterVersion: '1.34', defaultVersion: true },
          ],
        },
      ],
    },
    {
      addonName: 'coredns',
      type: 'networking',
      addonVersions: [
        {
          addonVersion: 'v1.14.2-eksbuild.9',
          compatibilities: [{ clusterVersion: '1.35', defaultVersion: true }],
        },
      ],
    },
  ],
  [
    {
      addonName: 'some-marketplace-addon',
      type: 'monitoring',
      addonVersions: [
        { addonVersion: 'v9.9.9', compatibilities: [{ clusterVersion: '1.35', defaultVersion: true }] },
      ],
    },
  ],
];

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

interface Ec2Type {
  name: string;
  vcpu: number;
  memoryMiB: number;
  arch: string;
  hypervisor?: string;
  bareMetal: boolean;
  currentGeneration: boolean;
  maxEnis: number;
  ipv4: number;
  cards: { index: number; maxEnis: number }[];
  gpu?: { name: string; manufacturer: string; count: number; memoryMiB: number };
}

function ec2Item(t: Ec2Type): string {
  const gpu = t.gpu
    ? `<gpuInfo><gpus><item><name>${t.gpu.name}</name><manufacturer>${t.gpu.manufacturer}</manufacturer><count>${t.gpu.count}</count><memoryInfo><sizeInMiB>${t.gpu.memoryMiB}</sizeInMiB></memoryInfo></item></gpus><totalGpuMemoryInMiB>${t.gpu.count * t.gpu.memoryMiB}</totalGpuMemoryInMiB></gpuInfo>`
    : '';
  return `
    <item>
      <instanceType>${t.name}</instanceType>
      <currentGeneration>${t.currentGeneration}</currentGeneration>
      <freeTierEligible>false</freeTierEligible>
      <supportedUsageClasses><item>on-demand</item><item>spot</item></supportedUsageClasses>
      <bareMetal>${t.bareMetal}</bareMetal>
      ${t.hypervisor ? `<hypervisor>${t.hypervisor}</hypervisor>` : ''}
      <processorInfo><supportedArchitectures><item>${t.arch}</item></supportedArchitectures><sustainedClockSpeedInGhz>3.1</sustainedClockSpeedInGhz></processorInfo>
      <vCpuInfo><defaultVCpus>${t.vcpu}</defaultVCpus><defaultCores>${t.vcpu / 2}</defaultCores><defaultThreadsPerCore>2</defaultThreadsPerCore></vCpuInfo>
      <memoryInfo><sizeInMiB>${t.memoryMiB}</sizeInMiB></memoryInfo>
      <networkInfo>
        <networkPerformance>Up to 10 Gigabit</networkPerformance>
        <maximumNetworkInterfaces>${t.maxEnis}</maximumNetworkInterfaces>
        <maximumNetworkCards>${t.cards.length}</maximumNetworkCards>
        <defaultNetworkCardIndex>0</defaultNetworkCardIndex>
        <networkCards>${t.cards.map((c) => `<item><networkCardIndex>${c.index}</networkCardIndex><networkPerformance>Up to 10 Gigabit</networkPerformance><maximumNetworkInterfaces>${c.maxEnis}</maximumNetworkInterfaces></item>`).join('')}</networkCards>
        <ipv4AddressesPerInterface>${t.ipv4}</ipv4AddressesPerInterface>
        <ipv6AddressesPerInterface>${t.ipv4}</ipv6AddressesPerInterface>
        <ipv6Supported>true</ipv6Supported>
        <enaSupport>required</enaSupport>
      </networkInfo>
      ${gpu}
    </item>`;
}

export const EC2_PAGES: Ec2Type[][] = [
  [
    {
      name: 'm5.large',
      vcpu: 2,
      memoryMiB: 8192,
      arch: 'x86_64',
      hypervisor: 'nitro',
      bareMetal: false,
      currentGeneration: true,
      maxEnis: 3,
      ipv4: 10,
      cards: [{ index: 0, maxEnis: 3 }],
    },
    {
      name: 'm9.large',
      vcpu: 2,
      memoryMiB: 8192,
      arch: 'arm64',
      hypervisor: 'nitro',
      bareMetal: false,
      currentGeneration: true,
      maxEnis: 4,
      ipv4: 12,
      cards: [{ index: 0, maxEnis: 4 }],
    },
  ],
  [
    {
      name: 'm5.metal',
      vcpu: 96,
      memoryMiB: 393216,
      arch: 'x86_64',
      bareMetal: true,
      currentGeneration: true,
      maxEnis: 15,
      ipv4: 50,
      cards: [{ index: 0, maxEnis: 15 }],
    },
    {
      name: 'p5.48xlarge',
      vcpu: 192,
      memoryMiB: 2097152,
      arch: 'x86_64',
      hypervisor: 'nitro',
      bareMetal: false,
      currentGeneration: true,
      maxEnis: 64,
      ipv4: 50,
      cards: Array.from({ length: 32 }, (_, index) => ({ index, maxEnis: 2 })),
      gpu: { name: 'H100', manufacturer: 'NVIDIA', count: 8, memoryMiB: 81920 },
    },
  ],
];

function priceItem(instanceType: string, usd: string, os = 'Linux'): string {
  return JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        instanceType,
        regionCode: 'eu-west-1',
        operatingSystem: os,
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
      },
      sku: `SKU${instanceType}`,
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`SKU${instanceType}.JRTCKXETXF`]: {
          priceDimensions: {
            [`SKU${instanceType}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit: 'Hrs',
              endRange: 'Inf',
              description: `$${usd} per On Demand ${os} ${instanceType} Instance Hour`,
              appliesTo: [],
              rateCode: `SKU${instanceType}.JRTCKXETXF.6YS6EN2CT7`,
              beginRange: '0',
              pricePerUnit: { USD: usd },
            },
          },
          sku: `SKU${instanceType}`,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

export const PRICE_PAGES: string[][] = [
  [priceItem('m5.large', '0.1070000000'), priceItem('m9.large', '0.0990000000')],
  [priceItem('m5.metal', '5.1360000000'), priceItem('p5.48xlarge', '0.0000000000')],
];

const epoch = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;
export const EKS_VERSIONS = [
  {
    clusterVersion: '1.36',
    clusterType: 'eks',
    defaultPlatformVersion: 'eks.1',
    defaultVersion: true,
    releaseDate: epoch('2026-05-20'),
    endOfStandardSupportDate: epoch('2027-07-20'),
    endOfExtendedSupportDate: epoch('2028-07-20'),
    status: 'STANDARD_SUPPORT',
    versionStatus: 'STANDARD_SUPPORT',
    kubernetesPatchVersion: '1.36.1',
  },
  {
    clusterVersion: '1.35',
    clusterType: 'eks',
    defaultPlatformVersion: 'eks.7',
    defaultVersion: false,
    releaseDate: epoch('2026-01-27'),
    endOfStandardSupportDate: epoch('2027-03-27'),
    endOfExtendedSupportDate: epoch('2028-03-27'),
    status: 'STANDARD_SUPPORT',
    versionStatus: 'STANDARD_SUPPORT',
    kubernetesPatchVersion: '1.35.4',
  },
];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeAws(): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  const failWith: FakeAws['failWith'] = {};
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const target = req.headers['x-amz-target'];
    if (target === 'AWSPriceListService.GetProducts') {
      const fail = failWith.pricing;
      if (fail) {
        res.writeHead(fail.status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-errortype': fail.code,
        });
        res.end(JSON.stringify({ __type: fail.code, message: fail.message }));
        return;
      }
      const input = JSON.parse(body) as { NextToken?: string };
      const page = input.NextToken === 'price-page-2' ? 1 : 0;
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'p' });
      res.end(
        JSON.stringify({
          FormatVersion: 'aws_v1',
          PriceList: PRICE_PAGES[page],
          ...(page === 0 ? { NextToken: 'price-page-2' } : {}),
        }),
      );
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/addons/supported-versions')) {
      const page = new URL(req.url, 'http://x').searchParams.get('nextToken') === 'addons-2' ? 1 : 0;
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'a' });
      res.end(JSON.stringify({ addons: ADDON_PAGES[page], nextToken: page === 0 ? 'addons-2' : null }));
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/cluster-versions')) {
      const fail = failWith.eks;
      if (fail) {
        res.writeHead(fail.status, { 'content-type': 'application/json', 'x-amzn-errortype': fail.code });
        res.end(JSON.stringify({ message: fail.message }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'e' });
      res.end(JSON.stringify({ clusterVersions: EKS_VERSIONS, nextToken: null }));
      return;
    }
    if (
      req.method === 'POST' &&
      String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
    ) {
      const params = new URLSearchParams(body);
      const fail = failWith.ec2;
      if (fail) {
        res.writeHead(fail.status, { 'content-type': 'text/xml;charset=UTF-8' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${fail.code}</Code><Message>${fail.message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`,
        );
        return;
      }
      if (params.get('Action') !== 'DescribeInstanceTypes') {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          '<Response><Errors><Error><Code>InvalidAction</Code><Message>unexpected</Message></Error></Errors></Response>',
        );
        return;
      }
      const page = params.get('NextToken') === 'ec2-page-2' ? 1 : 0;
      res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstanceTypesResponse xmlns="${EC2_NS}">\n  <requestId>req-${page}</requestId>\n  <instanceTypeSet>${(EC2_PAGES[page] ?? []).map(ec2Item).join('')}\n  </instanceTypeSet>\n${page === 0 ? '  <nextToken>ec2-page-2</nextToken>\n' : ''}</DescribeInstanceTypesResponse>`,
      );
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failWith,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
