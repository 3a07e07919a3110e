// Rules of the 'hpa' area. Add each new rule here; the registry sorts them.
import type { Rule } from '../define.js';
import kedaScaler from './keda-scaler.js';
import metrics from './metrics.js';

export const rules: Rule[] = [metrics, kedaScaler];
