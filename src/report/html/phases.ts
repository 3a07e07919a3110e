// The three phases of the migration method (assess & diagnose, plan the cutover, migrate & optimize) as a
// timeline with this cluster's steps, and the migration kit's files, one line each.
import type { AssessResult } from '../../model/types.js';
import type { Plan } from '../../plan/types.js';
import { count, describeSource } from '../text.js';
import { html, type SafeHtml } from './escape.js';
import { int, nouns } from './format.js';

/** One file of the migration kit `generate` wrote, with what it is for. */
export interface KitFile {
  /** Path relative to the kit folder. */
  path: string;
  description: string;
}

interface Phase {
  title: string;
  command: string;
  steps: SafeHtml[];
  state: 'done' | 'next' | 'later';
}

function phases(result: AssessResult, plan: Plan | undefined, kit: readonly KitFile[] | undefined): Phase[] {
  const s = result.summary;
  const assess: SafeHtml[] = [
    html`Read ${int(s.objects)} objects (${describeSource(result.source)}).`,
    s.blocker + s.errors > 0
      ? html`Fix <a href="#findings?sev=blocker">${count(s.blocker, 'blocker')}</a>${s.errors > 0 ? html` and <a href="#input-errors">${count(s.errors, 'unreadable document')}</a>` : ''} before the move.`
      : html`Nothing blocks the move.`,
    html`Review <a href="#findings?sev=warning">${count(s.warning, 'warning')}</a> and <a href="#findings?sev=info">${s.info} info</a> (they change how things run, or what the plan must hold).`,
  ];
  const planSteps: SafeHtml[] = plan
    ? [
        html`EKS ${plan.cluster.version} in ${plan.cluster.region}, ${plan.cluster.endpointAccess} endpoint, ${count(plan.cluster.azs.length, 'Availability Zone')}.`,
        html`${count(plan.nodeGroups.length, 'node group')}${plan.fargateProfiles.length > 0 ? html`, ${count(plan.fargateProfiles.length, 'Fargate profile')}` : ''}; VPC <code>${plan.network.vpcCidr}</code>.`,
        html`${nouns(plan.identities.length, 'workload identity', 'workload identities')}, ${nouns(plan.accessEntries.length, 'access entry', 'access entries')}, ${count(plan.addons.length, 'add-on')}.`,
      ]
    : [
        html`Design the cluster and its cost: <code>kube2eks plan INPUT --format html --output plan.html</code>.`,
      ];
  const migrate: SafeHtml[] = [
    kit && kit.length > 0
      ? html`The kit beside this report: ${count(kit.length, 'file')} (<a href="#kit">listed below</a>).`
      : html`Write the kit: <code>kube2eks generate INPUT --out kit/</code> (IaC, transformed manifests, image copy list, Velero commands, runbook).`,
    html`Create the cluster, copy the images to ECR, restore resources and volumes, test, then cut traffic over.`,
    html`After the cutover: <code>kube2eks verify --source INPUT --target context:EKS</code> compares what runs.`,
  ];
  return [
    { title: 'Assess and diagnose', command: 'kube2eks assess', steps: assess, state: 'done' },
    { title: 'Plan the cutover', command: 'kube2eks plan', steps: planSteps, state: plan ? 'done' : 'next' },
    {
      title: 'Migrate and optimize',
      command: 'kube2eks generate',
      steps: migrate,
      state: kit && kit.length > 0 ? 'next' : plan ? 'next' : 'later',
    },
  ];
}

export function phasesSection(
  result: AssessResult,
  plan: Plan | undefined,
  kit: readonly KitFile[] | undefined,
): SafeHtml {
  return html`<section id="phases"><h2>Phases</h2><ol class="timeline">${phases(result, plan, kit).map(
    (p, i) =>
      html`<li class="phase ${p.state}"><div class="phead"><span class="pnum">${i + 1}</span><h3>${p.title}</h3><code>${p.command}</code></div><ul>${p.steps.map((s) => html`<li>${s}</li>`)}</ul></li>`,
  )}</ol></section>`;
}

export function kitSection(kit: readonly KitFile[] | undefined): SafeHtml {
  if (!kit || kit.length === 0) return html``;
  return html`<section id="kit"><h2>The migration kit</h2><p class="lead">The files <code>kube2eks generate</code> wrote beside this report.</p><div class="tscroll"><table><thead><tr><th scope="col">File</th><th scope="col">What it is</th></tr></thead><tbody>${kit.map(
    (f) => html`<tr><td><code>${f.path}</code></td><td>${f.description}</td></tr>`,
  )}</tbody></table></div></section>`;
}
