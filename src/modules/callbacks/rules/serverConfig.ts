/**
 * Rules for an account's callback server configuration (reference §3): the URL, the Token and
 * the EncodingAESKey, and the message encryption mode. Pure: no I/O.
 */
export type ServerMode = 'plaintext' | 'compatible' | 'safe';

/** The message encryption modes, as the MP backend names them. */
export const SERVER_MODES: readonly ServerMode[] = ['plaintext', 'compatible', 'safe'];

/** Why a configuration was refused, naming the field. */
export interface ServerConfigProblem {
  field: 'url' | 'token' | 'encodingAesKey' | 'mode';
  message: string;
}

/** A configuration that passed the rules (not yet verified against the server). */
export interface ValidServerConfig {
  url: string;
  token: string;
  encodingAesKey: string | null;
  mode: ServerMode;
}

const TOKEN_RE = /^[A-Za-z0-9]{3,32}$/;
const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;
/** WeChat accepts server URLs up to 1024 characters. */
export const MAX_SERVER_URL_LENGTH = 1024;

/** Checks a server URL: http or https, a host, no credentials, at most 1024 characters. */
export function checkServerUrl(raw: unknown): string | ServerConfigProblem {
  if (typeof raw !== 'string' || raw.trim().length === 0) return { field: 'url', message: 'URL is required.' };
  const url = raw.trim();
  if (url.length > MAX_SERVER_URL_LENGTH) return { field: 'url', message: `URL must be at most ${MAX_SERVER_URL_LENGTH} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { field: 'url', message: 'URL is not a valid address.' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { field: 'url', message: 'URL must start with http:// or https://.' };
  if (!parsed.hostname) return { field: 'url', message: 'URL must name a host.' };
  if (parsed.username || parsed.password) return { field: 'url', message: 'URL must not contain a user name or password.' };
  return url;
}

/**
 * Validates a whole configuration. Returns the normalised configuration, or the first problem
 * (naming the field) so a form can point at it.
 */
export function validateServerConfig(input: {
  url: unknown;
  token: unknown;
  encodingAesKey?: unknown;
  mode: unknown;
}): ValidServerConfig | ServerConfigProblem {
  const url = checkServerUrl(input.url);
  if (typeof url !== 'string') return url;
  if (typeof input.token !== 'string' || !TOKEN_RE.test(input.token)) {
    return { field: 'token', message: 'Token must be 3 to 32 letters or digits.' };
  }
  if (typeof input.mode !== 'string' || !SERVER_MODES.includes(input.mode as ServerMode)) {
    return { field: 'mode', message: 'Mode must be plaintext, compatible or safe.' };
  }
  const mode = input.mode as ServerMode;
  const key = input.encodingAesKey;
  let encodingAesKey: string | null = null;
  if (key !== undefined && key !== null && key !== '') {
    if (typeof key !== 'string' || !AES_KEY_RE.test(key)) {
      return { field: 'encodingAesKey', message: 'EncodingAESKey must be exactly 43 letters or digits.' };
    }
    encodingAesKey = key;
  }
  if (mode !== 'plaintext' && encodingAesKey === null) {
    return { field: 'encodingAesKey', message: `EncodingAESKey is required in ${mode} mode.` };
  }
  return { url, token: input.token, encodingAesKey, mode };
}

/** Narrows validateServerConfig's result. */
export function isProblem(v: ValidServerConfig | ServerConfigProblem): v is ServerConfigProblem {
  return 'field' in v;
}

/** Appends query parameters to a developer URL that may already carry its own query. */
export function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}
