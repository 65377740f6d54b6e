/** The console API's shapes, as src/console/presenters.ts sends them. */
export interface Operator {
  id: string;
  email: string;
  name: string;
  role: string;
  platform_admin: boolean;
}

export interface Org {
  id: string;
  name: string;
}

export interface Me {
  operator: Operator;
  org: Org;
  csrf_token: string;
}

export type AccountType = 'subscription' | 'service';
export type ServerMode = 'plaintext' | 'compatible' | 'safe';

export interface AccountSummary {
  appid: string;
  name: string;
  type: AccountType;
  verified: boolean;
  status: string;
  wechat_id: string | null;
  original_id: string;
  description: string;
  server_enabled: boolean;
  created_at: string;
}

export interface ServerConfig {
  url: string | null;
  token: string | null;
  encoding_aes_key: string | null;
  mode: ServerMode;
  enabled: boolean;
  verified_at: string | null;
}

export interface CapabilityRow {
  capability: string;
  label: string;
  allowed: boolean;
}

export interface AccountDetail extends AccountSummary {
  secret_hint: string;
  secret_reset_at: string | null;
  ip_whitelist: string[];
  server: ServerConfig;
  capabilities: CapabilityRow[];
}

export interface Delivery {
  id: number;
  kind: string;
  label: string;
  msg_id: string | null;
  openid: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed' | 'skipped' | string;
  attempts: number;
  reply_status: 'none' | 'valid' | 'invalid' | string;
  reply: unknown;
  reply_error: string | null;
  created_at: string;
  completed_at: string | null;
  resend_of: number | null;
}

export interface Attempt {
  attempt_no: number;
  started_at: string;
  request_url: string;
  request_body: string;
  response_status: number | null;
  response_body: string | null;
  latency_ms: number;
  outcome: string;
  error: string | null;
}

export interface DeliveryDetail extends Delivery {
  payload_xml: string;
  attempts_log: Attempt[];
}
