// EC2 DescribeInstanceTypes (paginated) -> catalog instance types.
// @see https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html
import type { InstanceTypeInfo } from '@aws-sdk/client-ec2';
import type { InstanceType } from '../../catalog/index.js';
import type { InstanceTypeFile } from '../../catalog/schema.js';
import { AwsCallError, type AwsClientSettings, clientConfig, type Progress } from './aws.js';

function architectureOf(archs: readonly string[] | undefined): InstanceTypeFile['architecture'] {
  if (!archs) return null;
  if (archs.includes('x86_64') || archs.includes('x86_64_mac')) return 'x86_64';
  if (archs.includes('arm64') || archs.includes('arm64_mac')) return 'arm64';
  return null;
}

const label = (s: string | undefined) => (s ? s.trim().toLowerCase().replace(/\s+/g, '-') : null);

/**
 * One DescribeInstanceTypes record in the catalog's shape. Branch ENIs and trunking are not in the EC2
 * API (they come from the VPC resource controller's limits), so they are kept from `known` when present.
 */
export function toInstanceTypeFile(
  info: InstanceTypeInfo,
  known: InstanceType | undefined,
): InstanceTypeFile {
  const net = info.NetworkInfo;
  const defaultCard = net?.DefaultNetworkCardIndex ?? 0;
  const card = net?.NetworkCards?.find((c) => (c.NetworkCardIndex ?? 0) === defaultCard);
  const gpus = info.GpuInfo?.Gpus ?? [];
  const first = gpus[0];
  const out: InstanceTypeFile = {
    vcpu: info.VCpuInfo?.DefaultVCpus ?? null,
    memoryMiB: info.MemoryInfo?.SizeInMiB ?? null,
    architecture: architectureOf(info.ProcessorInfo?.SupportedArchitectures),
    defaultCardMaxEnis: card?.MaximumNetworkInterfaces ?? net?.MaximumNetworkInterfaces ?? null,
    ipv4PerEni: net?.Ipv4AddressesPerInterface ?? null,
    maxEnis: net?.MaximumNetworkInterfaces ?? null,
    networkCards: net?.MaximumNetworkCards ?? net?.NetworkCards?.length ?? null,
    hypervisor: info.Hypervisor === 'nitro' || info.Hypervisor === 'xen' ? info.Hypervisor : 'unknown',
    bareMetal: info.BareMetal ?? null,
    trunkingCompatible: known?.trunkingCompatible ?? null,
    branchEnis: known?.branchEnis ?? null,
    currentGeneration: info.CurrentGeneration ?? null,
    gpuCount: gpus.reduce((n, g) => n + (g.Count ?? 0), 0),
    gpuName: label(first?.Name),
    gpuManufacturer: label(first?.Manufacturer),
    gpuMemoryMiB: first?.MemoryInfo?.SizeInMiB ?? null,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== null)) as InstanceTypeFile;
}

/** Every instance type offered in `region`, by name. */
export async function fetchInstanceTypes(
  region: string,
  settings: AwsClientSettings,
  known: (name: string) => InstanceType | undefined,
  progress: Progress,
): Promise<Record<string, InstanceTypeFile>> {
  const { EC2Client, paginateDescribeInstanceTypes } = await import('@aws-sdk/client-ec2');
  const client = new EC2Client(clientConfig(settings, 'ec2', region));
  const types: Record<string, InstanceTypeFile> = {};
  let page = 0;
  try {
    for await (const output of paginateDescribeInstanceTypes({ client, pageSize: 100 }, {})) {
      page += 1;
      for (const info of output.InstanceTypes ?? []) {
        if (info.InstanceType) types[info.InstanceType] = toInstanceTypeFile(info, known(info.InstanceType));
      }
      progress(`EC2 DescribeInstanceTypes: page ${page}, ${Object.keys(types).length} instance types`);
    }
  } catch (error) {
    throw new AwsCallError(`EC2 DescribeInstanceTypes in ${region}`, error);
  } finally {
    client.destroy();
  }
  return types;
}
