/**
 * An account's avatar: the uploaded image when it has one, else the name's first letter on the
 * account type's colour. Decorative: the account's name is always written beside it.
 */
export function AccountAvatar({ account, size }: { account: { name: string; type: string; avatar_url: string | null }; size?: 'sm' | 'lg' }) {
  const sizeClass = size ? `avatar-${size}` : '';
  if (account.avatar_url) {
    return <img className={`avatar avatar-image ${sizeClass}`} src={account.avatar_url} alt="" aria-hidden="true" data-testid="account-avatar" />;
  }
  return (
    <span className={`avatar ${sizeClass} ${account.type}`} aria-hidden="true">
      {account.name.slice(0, 1).toUpperCase()}
    </span>
  );
}
