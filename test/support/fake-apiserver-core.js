// An in-process Kubernetes API server over HTTPS that speaks enough of the real protocol for kubectl and
// the collector: /version, legacy and aggregated discovery, lists with limit/continue/resourceVersion
// (`kind: XList` bodies whose built-in items are bare, as kube-apiserver sends them), single GETs,
// server-side Tables for kubectl's human output, bearer-token or client-certificate auth, and injected
// faults. Plain JavaScript so `npm run bench` can run it without a TypeScript step (types: the .d.ts beside it).
import { createServer } from 'node:https';

/**
 * Content negotiation for discovery, as kube-apiserver does it: the first media type of the Accept
 * header the server can produce wins. Returns the aggregated discovery version asked for, if any.
 */
function negotiateDiscovery(accept) {
  for (const entry of accept.split(',')) {
    const [type, ...params] = entry.split(';').map((p) => p.trim());
    const p = Object.fromEntries(params.map((kv) => kv.split('=')));
    if (type === 'application/json' && p.g === 'apidiscovery.k8s.io' && p.as === 'APIGroupDiscoveryList') {
      if (p.v === 'v2' || p.v === 'v2beta1') return p.v;
      continue;
    }
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return undefined;
  }
  return undefined;
}

/** `pods`, `deployments.apps`: how faults and results name a resource type. */
export function resourceKey(def) {
  return def.group ? `${def.resource}.${def.group}` : def.resource;
}

function status(code, reason, message, details) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
    ...(details ? { details } : {}),
  };
}

const encodeToken = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decodeToken(token) {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function age(created, now) {
  const seconds = Math.max(0, Math.round((now - Date.parse(created ?? new Date(now).toISOString())) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

/**
 * @param {import('./fake-apiserver-core.js').FakeApiServerOptions} options
 * @returns {Promise<import('./fake-apiserver-core.js').FakeApiServer>}
 */
export async function startFakeApiServer(options) {
  const faults = options.faults ?? {};
  const defs = options.resources;
  const aggregated = options.aggregatedDiscovery ?? true;
  const requests = [];
  const listed = new Map();
  const onceDone = new Set();
  let resourceVersion = 1000;

  // Objects per resource type, sorted by namespace and name like etcd keys; serialized once.
  const store = new Map();
  for (const def of defs) store.set(resourceKey(def), []);
  const defByGroupKind = new Map(defs.map((d) => [`${d.group}|${d.kind}`, d]));
  for (const obj of options.objects) {
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    const def = defByGroupKind.get(`${group}|${obj.kind}`);
    if (!def) throw new Error(`no resource type serves ${obj.apiVersion} ${obj.kind}`);
    if (version !== def.version)
      throw new Error(`${obj.kind} ${obj.metadata.name} is not at the preferred version`);
    resourceVersion++;
    const full = { ...obj, metadata: { resourceVersion: String(resourceVersion), ...obj.metadata } };
    // kube-apiserver encodes built-in list items without apiVersion/kind; custom resources keep them.
    const { apiVersion: _a, kind: _k, ...bare } = full;
    store.get(resourceKey(def)).push({
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name,
      object: full,
      itemJson: JSON.stringify(def.custom ? full : bare),
    });
  }
  for (const items of store.values()) {
    items.sort((a, b) =>
      a.namespace === b.namespace ? a.name.localeCompare(b.name) : a.namespace.localeCompare(b.namespace),
    );
  }

  const groups = new Map();
  for (const def of defs) {
    const g = groups.get(def.group) ?? { preferred: def.version, versions: new Set() };
    g.versions.add(def.version);
    for (const v of def.otherVersions ?? []) g.versions.add(v);
    groups.set(def.group, g);
  }
  const versionsOf = (group) => {
    const g = groups.get(group);
    return g ? [g.preferred, ...[...g.versions].filter((v) => v !== g.preferred)] : [];
  };
  const defsAt = (group, version) =>
    defs.filter(
      (d) => d.group === group && (d.version === version || (d.otherVersions ?? []).includes(version)),
    );

  const resourceList = (group, version) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: defsAt(group, version).flatMap((d) => [
      {
        name: d.resource,
        singularName: d.kind.toLowerCase(),
        namespaced: d.namespaced,
        kind: d.kind,
        verbs: d.verbs ?? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        ...(d.shortNames ? { shortNames: d.shortNames } : {}),
      },
      ...(d.subresources ?? []).map((s) => ({
        name: `${d.resource}/${s}`,
        singularName: '',
        namespaced: d.namespaced,
        kind: d.kind,
        verbs: ['get'],
      })),
    ]),
  });

  const aggregatedDoc = (wantCore, discoveryVersion) => ({
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${discoveryVersion}`,
    metadata: {},
    items: [...groups.keys()]
      .filter((g) => (g === '') === wantCore)
      .map((group) => ({
        metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
        versions: versionsOf(group).map((version) => ({
          version,
          resources: defsAt(group, version).map((d) => ({
            resource: d.resource,
            responseKind: { group, version, kind: d.kind },
            scope: d.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: d.kind.toLowerCase(),
            verbs: d.verbs ?? [
              'create',
              'delete',
              'deletecollection',
              'get',
              'list',
              'patch',
              'update',
              'watch',
            ],
            ...(d.shortNames ? { shortNames: d.shortNames } : {}),
            ...(d.subresources?.length
              ? {
                  subresources: d.subresources.map((s) => ({
                    subresource: s,
                    responseKind: { group, version, kind: d.kind },
                    verbs: ['get'],
                  })),
                }
              : {}),
          })),
          freshness: 'Current',
        })),
      })),
  });

  const groupList = () => ({
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups.keys()]
      .filter((g) => g !== '')
      .map((name) => ({
        name,
        versions: versionsOf(name).map((version) => ({ groupVersion: `${name}/${version}`, version })),
        preferredVersion: {
          groupVersion: `${name}/${groups.get(name).preferred}`,
          version: groups.get(name).preferred,
        },
      })),
  });

  const once = (kind, key) => {
    const id = `${kind}|${key}`;
    if (onceDone.has(id)) return false;
    onceDone.add(id);
    return true;
  };

  const table = (rows, meta) => ({
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: meta,
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0 },
      { name: 'Age', type: 'string', format: '', description: 'Time since creation', priority: 0 },
    ],
    rows: rows.map((r) => ({
      cells: [r.name, age(r.object.metadata.creationTimestamp, Date.now())],
      object: {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: r.object.metadata,
      },
    })),
  });

  const handle = (req, res) => {
    const url = new URL(req.url ?? '/', 'https://fake');
    const accept = String(req.headers.accept ?? '');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept,
    });
    const send = (code, body, headers = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(code, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };
    if (req.method !== 'GET') {
      send(405, status(405, 'MethodNotAllowed', `${req.method} is not allowed on this fake server`));
      return;
    }
    const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const certOk = options.clientCa !== undefined && req.socket.authorized === true;
    if (faults.unauthorized || !(certOk || (options.token !== undefined && token === options.token))) {
      send(401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/version') {
      const [major, minor] = (options.serverVersion ?? 'v1.29.4').slice(1).split('.');
      send(200, { major, minor, gitVersion: options.serverVersion ?? 'v1.29.4', platform: 'linux/amd64' });
      return;
    }
    const discoveryVersion = aggregated ? negotiateDiscovery(accept) : undefined;
    const aggregatedType = `application/json;g=apidiscovery.k8s.io;v=${discoveryVersion};as=APIGroupDiscoveryList`;
    if (path === '/api') {
      if (discoveryVersion)
        send(200, aggregatedDoc(true, discoveryVersion), { 'Content-Type': aggregatedType });
      else
        send(200, {
          kind: 'APIVersions',
          versions: ['v1'],
          serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.host }],
        });
      return;
    }
    if (path === '/apis') {
      if (discoveryVersion)
        send(200, aggregatedDoc(false, discoveryVersion), { 'Content-Type': aggregatedType });
      else send(200, groupList());
      return;
    }
    const parts = path.split('/').slice(1);
    let group;
    let version;
    let rest;
    if (parts[0] === 'api' && parts[1]) [group, version, rest] = ['', parts[1], parts.slice(2)];
    else if (parts[0] === 'apis' && parts[1] && parts[2])
      [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
    else if (parts[0] === 'apis' && parts[1] && groups.has(parts[1])) {
      const g = parts[1];
      send(200, {
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: g,
        versions: versionsOf(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v })),
        preferredVersion: {
          groupVersion: `${g}/${groups.get(g).preferred}`,
          version: groups.get(g).preferred,
        },
      });
      return;
    } else {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    if (!versionsOf(group).includes(version)) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    if (rest.length === 0) {
      send(200, resourceList(group, version));
      return;
    }
    let namespace;
    let resource;
    let name;
    if (rest[0] === 'namespaces' && rest.length >= 3)
      [namespace, resource, name] = [rest[1], rest[2], rest[3]];
    else [resource, name] = [rest[0], rest[1]];
    const def = defsAt(group, version).find((d) => d.resource === resource);
    if (!def || rest.length > 4 || (namespace !== undefined && !def.namespaced)) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const key = resourceKey(def);
    if (faults.forbidden?.includes(key)) {
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      send(
        403,
        status(
          403,
          'Forbidden',
          `${key} is forbidden: User "system:serviceaccount:ci:reader" cannot list resource "${def.resource}" in API group "${group}" ${scope}`,
          { kind: def.resource, group },
        ),
      );
      return;
    }
    const tooMany = faults.tooManyRequests?.find((f) => f.resource === key);
    if (tooMany && once('429', key)) {
      send(429, status(429, 'TooManyRequests', 'Too many requests, please try again later.'), {
        'Retry-After': String(tooMany.retryAfterSeconds),
      });
      return;
    }
    if (faults.serverErrorOnce?.includes(key) && once('500', key)) {
      send(500, status(500, 'InternalError', 'Internal error occurred: etcdserver: leader changed'));
      return;
    }
    const apiVersion = group ? `${group}/${version}` : version;
    const all = store.get(key).filter((o) => namespace === undefined || o.namespace === namespace);
    if (name !== undefined) {
      const found = all.find(
        (o) => o.name === name && (namespace === undefined || o.namespace === namespace),
      );
      if (!found)
        send(404, status(404, 'NotFound', `${key} "${name}" not found`, { name, kind: def.resource, group }));
      else send(200, { ...found.object, apiVersion });
      return;
    }
    // A list page: limit and continue (the token carries the resourceVersion of the first page).
    const limit = Number(url.searchParams.get('limit') ?? '0') || 0;
    const cont = url.searchParams.get('continue');
    let start = 0;
    let rv = String(resourceVersion);
    if (cont) {
      const parsed = decodeToken(cont);
      if (!parsed || parsed.path !== path) {
        send(400, status(400, 'BadRequest', 'continue key is not valid'));
        return;
      }
      if (faults.expireContinue?.includes(key) && once('410', key)) {
        send(
          410,
          status(
            410,
            'Expired',
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          ),
        );
        return;
      }
      start = parsed.start;
      rv = parsed.rv;
    }
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const page = all.slice(start, end);
    const meta = { resourceVersion: rv };
    if (end < all.length) {
      meta.continue = encodeToken({ path, start: end, rv });
      meta.remainingItemCount = all.length - end;
    }
    listed.set(key, (listed.get(key) ?? 0) + page.length);
    if (accept.includes('as=Table')) {
      send(200, table(page, meta));
      return;
    }
    const head = JSON.stringify({ kind: `${def.kind}List`, apiVersion, metadata: meta });
    send(200, `${head.slice(0, -1)},"items":[${page.map((o) => o.itemJson).join(',')}]}`);
  };

  const server = createServer(
    {
      key: options.key,
      cert: options.cert,
      ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
    },
    (req, res) => {
      try {
        handle(req, res);
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status(500, 'InternalError', String(error))));
      }
    },
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    requests,
    listed,
    objectCount: () => [...store.values()].reduce((n, items) => n + items.length, 0),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
