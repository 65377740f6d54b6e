import type { AccountDetail } from '../types.js';
import { CapabilitiesCard } from './CapabilitiesCard.js';
import { CredentialsCard } from './CredentialsCard.js';
import { IpWhitelistCard } from './IpWhitelistCard.js';
import { ServerCard } from './ServerCard.js';

/** An account's developer page: credentials, IP whitelist, server configuration, capabilities. */
export function DeveloperSettings({ account, onChanged }: { account: AccountDetail; onChanged(a: AccountDetail): void }) {
  return (
    <div className="stack">
      <CredentialsCard account={account} onReset={(hint) => onChanged({ ...account, secret_hint: hint, secret_reset_at: new Date().toISOString() })} />
      <ServerCard account={account} onSaved={(server) => onChanged({ ...account, server, server_enabled: server.enabled })} />
      <IpWhitelistCard account={account} onSaved={(list) => onChanged({ ...account, ip_whitelist: list })} />
      <CapabilitiesCard account={account} />
    </div>
  );
}
