// Preloaded (`node --import`) by scale.js into every process it times: at exit, writes the process's peak
// RSS and CPU time to $KUBE2EKS_SCALE_USAGE.
import { writeFileSync } from 'node:fs';

const out = process.env.KUBE2EKS_SCALE_USAGE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
    );
  });
}
