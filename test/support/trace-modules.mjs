// `node --import ./trace-modules.mjs …`: appends the URL or path of every module the process loads, one a
// line, to the file named by $KUBE2EKS_TRACE_MODULES. ES modules pass through a load hook (in the hooks
// thread); CommonJS modules that CommonJS code requires do not, so Module._load records those.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const out = process.env.KUBE2EKS_TRACE_MODULES;
if (out) {
  register('./trace-modules-hook.mjs', import.meta.url, { data: { out } });
  const load = Module._load;
  Module._load = function tracedLoad(request, parent, isMain) {
    try {
      appendFileSync(out, `${Module._resolveFilename(request, parent, isMain)}\n`);
    } catch {
      // An unresolvable request fails in `load` below with Node's own error.
    }
    return load.apply(this, [request, parent, isMain]);
  };
}
