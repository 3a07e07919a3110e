// The choices the command line offers, in a module that loads nothing: `--help` lists them without
// loading the code that acts on them.
export const FAIL_ON_LEVELS = ['blocker', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

export const MAXPODS_FORMATS = ['text', 'json', 'tsv'] as const;
export type MaxpodsFormat = (typeof MAXPODS_FORMATS)[number];

export const VERSIONS_FORMATS = ['table', 'json'] as const;
export type VersionsFormat = (typeof VERSIONS_FORMATS)[number];

export const CATALOG_INFO_FORMATS = ['table', 'json'] as const;
export type CatalogInfoFormat = (typeof CATALOG_INFO_FORMATS)[number];

export const DEFAULT_REFRESH_FILE = 'kube2eks-catalog.json';
