export { DATA_NOTICE, fenceData, longestBacktickRun, sanitizeLabel, type FenceOptions } from './fence';
export { isSecretFile } from './secretFiles';
export { describeStripped, invisibleKind, stripInvisible, type InvisibleKind, type StripResult } from './invisible';
export { redactSecrets, type RedactResult } from './redact';
export { looksLikeSecret, shannonEntropy } from './entropy';
