// One short block per case from a plan's JSON: what `npm run eval` prints under "Plans".
const usd = (n) => `$${Number(n ?? 0).toFixed(2)}`;

/** @param {string} name @param {any} plan @returns {string[]} */
export function planSummary(name, plan) {
  const m = plan.cost?.monthly ?? {};
  const groups = (plan.nodeGroups ?? [])
    .map((g) => `${g.name} ${g.instanceTypes?.[0] ?? '?'}×${g.desiredSize}`)
    .join(', ');
  const fargate = (plan.fargateProfiles ?? []).reduce((n, p) => n + (p.pods ?? 0), 0);
  const net = plan.network ?? {};
  const subnets = new Map();
  for (const s of net.subnets ?? []) {
    const key = `${s.purpose} /${String(s.cidr).split('/')[1]}`;
    subnets.set(key, (subnets.get(key) ?? 0) + 1);
  }
  const endpoints = (plan.vpcEndpoints ?? []).map((e) =>
    String(e.service)
      .replace(/^com\.amazonaws\.[a-z0-9-]+\./, '')
      .replace(/^com\.amazonaws\./, ''),
  );
  const mechanisms = new Map();
  for (const i of plan.identities ?? []) mechanisms.set(i.mechanism, (mechanisms.get(i.mechanism) ?? 0) + 1);
  const list = (m) => [...m].map(([k, v]) => `${v} ${k}`).join(', ');
  return [
    `${name}: ${usd(m.total)}/month; ${groups || 'no node groups'}${fargate ? `; ${fargate} Fargate pods` : ''}; compute/lower bound ${plan.cost?.computeToLowerBound ?? '?'}`,
    `  network: VPC ${net.vpcCidr}, prefix delegation ${net.prefixDelegation ? 'on' : 'off'}${net.customNetworking ? `, custom networking ${net.secondaryCidr}` : ''}, ${net.podIps} pod IPs, subnets ${list(subnets) || 'none'}${net.sourceRanges?.length ? `, ${net.sourceRanges.length} source ranges kept clear` : ''}`,
    `  egress: ${plan.cluster?.endpointAccess}; NAT ${usd(m.natGateways)}; endpoints ${endpoints.join(', ') || 'none'} (${usd(m.vpcEndpoints)})`,
    `  identities: ${(plan.identities ?? []).length}${mechanisms.size ? ` (${list(mechanisms)})` : ''}; access entries: ${(plan.accessEntries ?? []).length}${plan.identityProvider ? ' + OIDC provider' : ''}; autoscaling: ${plan.autoscaling?.engine}`,
    `  add-ons: ${(plan.addons ?? []).map((a) => a.name).join(', ')}`,
    `  storage: ${(plan.storageClasses ?? []).map((c) => `${c.from || '(none)'}→${c.to}`).join(', ') || 'no classes'}`,
  ];
}
