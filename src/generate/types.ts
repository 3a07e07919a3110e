// The contract of generate/: pure functions from a Plan, the inventory and the findings to artifacts.
import type { Finding, Inventory } from '../model/types.js';
import type { Plan } from '../plan/types.js';

/** One file of the kit: a path relative to the kit folder and its text (UTF-8). */
export interface Artifact {
  /** Relative, `/`-separated, never absolute and never `..` (the CLI checks it again). */
  path: string;
  content: string;
}

/** The text of an input file (or archive entry) as the CLI re-read it for the rewrite. */
export interface SourceText {
  /** As `Location.file` names it (the path the user gave, relative to cwd). */
  file: string;
  text: string;
  /**
   * The file's path relative to the kit folder (`../k8s/app.yaml`), for `--as kustomize` to list it as a
   * resource. Without it the file's objects are rewritten copies.
   */
  fromKit?: string;
}

export type IacTool = 'eksctl' | 'terraform' | 'both';
export type Copier = 'crane' | 'skopeo';

export interface GenerateOptions {
  /** @default 'eksctl' */
  iac?: IacTool;
  /** ECR registry URI images move to, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com`. */
  registry?: string;
  /** @default 'crane' */
  copier?: Copier;
  /** `files` rewrites copies of the inputs; `kustomize` writes an overlay of patches. @default 'files' */
  as?: 'files' | 'kustomize';
  /**
   * The input files re-read by the caller. A file listed here is rewritten in place of a copy of itself,
   * comments and formatting kept, after checking it still holds what was assessed; objects of other
   * files (clusters, archives, stdin) are written fresh from the inventory.
   */
  sources?: SourceText[];
  /** Extra artifacts another stage made (e.g. the HTML report), added to the kit as they are. */
  extraArtifacts?: Artifact[];
  /**
   * Paths the caller adds to the kit folder after generate (the HTML report made from the kit's list,
   * the CLI's `.kube2eks-kit.json`), so that the runbook's file table lists exactly what the folder holds.
   */
  laterPaths?: string[];
  /**
   * The migration checklist (src/plan/checklist.ts `buildChecklist(assessment, plan)`), printed in the runbook.
   * Passed in so generate stays a function of its inputs.
   */
  checklist?: ReadonlyArray<{ step: string; title: string; lines: Array<{ text: string }> }>;
  /** The source platform, for the runbook's title (e.g. `GKE`). */
  sourceName?: string;
  /** The kube2eks version, written in headers. */
  toolVersion?: string;
}

/** The inputs every artifact module reads. */
export interface GenerateContext {
  plan: Plan;
  inventory: Inventory;
  findings: Finding[];
  options: Required<Pick<GenerateOptions, 'iac' | 'copier' | 'as' | 'toolVersion'>> &
    Pick<GenerateOptions, 'registry'>;
}
