// The AWS SDK prints a multi-line NodeVersionSupportWarning on Node.js < 22 (its releases after January
// 2027 will need Node 22). kube2eks pins an SDK release that runs on Node 20, so the warning says nothing
// a user must act on: it is turned off, and kube2eks says so once, in one line, on a terminal.

/** The environment switch the SDK reads (@aws-sdk/core emitWarningIfUnsupportedVersion). */
export const SDK_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Call before the first AWS SDK import. Returns the note to show (once per process), or undefined when the
 * Node version is one the SDK supports or the user set the switch.
 */
export function quietAwsSdkNodeWarning(
  env: NodeJS.ProcessEnv = process.env,
  nodeVersion: string = process.version,
): string | undefined {
  const major = Number.parseInt(nodeVersion.replace(/^v/, ''), 10);
  if (!Number.isFinite(major) || major >= 22 || env[SDK_WARNING_SWITCH] !== undefined) return undefined;
  env[SDK_WARNING_SWITCH] = 'true';
  return `kube2eks: Node.js ${nodeVersion} is supported; the AWS SDK release kube2eks pins runs on it (later SDK releases will need Node.js 22).`;
}
