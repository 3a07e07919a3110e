import { describe, expect, it } from 'vitest';
import { quietAwsSdkNodeWarning, SDK_WARNING_SWITCH } from './aws-sdk.js';

describe('quietAwsSdkNodeWarning', () => {
  it('turns the SDK warning off on Node.js 20 and says once, in one line, that it is supported', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(quietAwsSdkNodeWarning(env, 'v20.20.2')).toBe(
      'kube2eks: Node.js v20.20.2 is supported; the AWS SDK release kube2eks pins runs on it (later SDK releases will need Node.js 22).',
    );
    expect(env[SDK_WARNING_SWITCH]).toBe('true');
    expect(quietAwsSdkNodeWarning(env, 'v20.20.2')).toBeUndefined();
  });

  it('leaves Node.js 22 and a switch the user set alone', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(quietAwsSdkNodeWarning(env, 'v22.12.0')).toBeUndefined();
    expect(env).toEqual({});
    const set: NodeJS.ProcessEnv = { [SDK_WARNING_SWITCH]: 'false' };
    expect(quietAwsSdkNodeWarning(set, 'v20.19.0')).toBeUndefined();
    expect(set[SDK_WARNING_SWITCH]).toBe('false');
  });
});
