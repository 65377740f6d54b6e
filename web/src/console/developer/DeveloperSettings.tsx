import { useQueryClient } from '@tanstack/react-query';
import { accountQuery } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { AccountDetail } from '../types.js';
import { CapabilitiesCard } from './CapabilitiesCard.js';
import { CredentialsCard } from './CredentialsCard.js';
import { IpWhitelistCard } from './IpWhitelistCard.js';
import { ServerCard } from './ServerCard.js';

/** An account's developer page: credentials, IP whitelist, server configuration, capabilities. */
export function DeveloperSettings({ account }: AccountPageProps) {
  const queryClient = useQueryClient();
  // Each card's answer updates the account the frame shows, and the account list's summary.
  const changed = (next: AccountDetail) => {
    queryClient.setQueryData(accountQuery(account.appid).queryKey, { account: next });
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  };
  return (
    <div className="stack">
      <CredentialsCard account={account} onReset={(hint) => changed({ ...account, secret_hint: hint, secret_reset_at: new Date().toISOString() })} />
      <ServerCard account={account} onSaved={(server) => changed({ ...account, server, server_enabled: server.enabled })} />
      <IpWhitelistCard account={account} onSaved={(list) => changed({ ...account, ip_whitelist: list })} />
      <CapabilitiesCard account={account} />
    </div>
  );
}
