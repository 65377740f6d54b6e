/** Letter colours: each keeps white initials at 4.5:1 or more. */
const COLORS = ['#228276', '#b85840', '#44799b', '#8767a4', '#996a26', '#5c6bc0', '#ca4658', '#008476', '#577e40', '#926a72'];

/** One or two letters for a name: the first characters of the first two words, or the first CJK character. */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  const first = [...trimmed][0];
  if (/[\u3400-\u9fff]/.test(first)) return first;
  const words = trimmed.split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [...words[0]][0] + [...words[1]][0] : [...trimmed].slice(0, 2).join('');
  return letters.toUpperCase();
}

function colorOf(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[h % COLORS.length];
}

/**
 * A WeChat-style avatar: the uploaded image (`src`) when there is one, else a rounded square with
 * the name's initials on a colour picked from the name (or `seed`).
 */
export function Avatar({ name, seed, size = 44, kind, src }: { name: string; seed?: string; size?: number; kind?: 'folder'; src?: string | null }) {
  if (src && kind !== 'folder') {
    return <img className="ph-avatar ph-avatar-image" src={src} width={size} height={size} alt="" aria-hidden="true" style={{ width: size, height: size }} />;
  }
  if (kind === 'folder') {
    return (
      <span className="ph-avatar ph-avatar-folder" style={{ width: size, height: size }} aria-hidden="true">
        <svg width={size * 0.56} height={size * 0.56} viewBox="0 0 24 24" fill="none" stroke="#fff" strokeWidth="1.9" strokeLinecap="round">
          <rect x="4" y="4" width="16" height="16" rx="3" />
          <path d="M8 9h8M8 12.5h8M8 16h5" />
        </svg>
      </span>
    );
  }
  return (
    <span
      className="ph-avatar"
      style={{ width: size, height: size, background: colorOf(seed ?? name), fontSize: Math.round(size * 0.36) }}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}
