// What `verify --preflight --check-images` asks Amazon ECR, and what it learns: shared by the reader
// (sources/ecr.ts, the only code that talks to AWS) and the pure checks (verify/images.ts).

/** One image to look up: a repository and its tag or, for an image pinned by digest alone, its digest. */
export interface EcrImageQuery {
  repository: string;
  tag?: string;
  digest?: string;
}

export type EcrLookup =
  /** The image is in the repository; `digest` is what the tag points at. */
  | { state: 'found'; digest: string }
  | { state: 'no-repository' }
  | { state: 'no-image' }
  /** The lookup failed; `fatal` when no other lookup could succeed either (credentials, network, region). */
  | { state: 'error'; reason: string; fatal: boolean };
