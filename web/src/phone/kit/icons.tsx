/** Line icons drawn inline (no icon font, no network), sized by the surrounding font. */
import type { ReactNode } from 'react';
import { t } from '../../i18n/index.js';

function Svg({ children, size = 24, fill = 'none', label }: { children: ReactNode; size?: number; fill?: string; label?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={fill}
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={label ? undefined : true}
      role={label ? 'img' : undefined}
      aria-label={label}
    >
      {children}
    </svg>
  );
}

export const BackIcon = () => (
  <Svg>
    <path d="M15 5l-7 7 7 7" />
  </Svg>
);
export const SearchIcon = ({ size = 22 }: { size?: number }) => (
  <Svg size={size}>
    <circle cx="11" cy="11" r="6.5" />
    <path d="M16 16l4 4" />
  </Svg>
);
export const PlusCircleIcon = ({ size = 24 }: { size?: number }) => (
  <Svg size={size}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 8v8M8 12h8" />
  </Svg>
);
export const MoreIcon = () => (
  <Svg>
    <circle cx="5.5" cy="12" r="1.3" fill="currentColor" />
    <circle cx="12" cy="12" r="1.3" fill="currentColor" />
    <circle cx="18.5" cy="12" r="1.3" fill="currentColor" />
  </Svg>
);
export const KeyboardIcon = () => (
  <Svg>
    <rect x="3" y="6" width="18" height="12" rx="2" />
    <path d="M7 10h.01M10 10h.01M13 10h.01M16 10h.01M8 14h8" />
  </Svg>
);
export const MenuIcon = () => (
  <Svg>
    <path d="M5 7h14M5 12h14M5 17h14" />
  </Svg>
);
export const ChatsIcon = ({ active }: { active?: boolean }) => (
  <Svg size={26} fill={active ? 'currentColor' : 'none'}>
    <path d="M12 4c-4.7 0-8.5 3.2-8.5 7.2 0 2.2 1.2 4.2 3 5.5L6 20l3.6-1.9c.8.2 1.6.3 2.4.3 4.7 0 8.5-3.2 8.5-7.2S16.7 4 12 4z" />
  </Svg>
);
export const ContactsIcon = ({ active }: { active?: boolean }) => (
  <Svg size={26} fill={active ? 'currentColor' : 'none'}>
    <circle cx="12" cy="8.5" r="3.8" />
    <path d="M4.5 20c.6-3.8 3.8-6 7.5-6s6.9 2.2 7.5 6z" />
  </Svg>
);
export const DiscoverIcon = ({ active }: { active?: boolean }) => (
  <Svg size={26} fill={active ? 'currentColor' : 'none'}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M15.5 8.5l-2 5-5 2 2-5z" fill={active ? '#fff' : 'none'} stroke={active ? '#fff' : 'currentColor'} />
  </Svg>
);
export const MeIcon = ({ active }: { active?: boolean }) => (
  <Svg size={26} fill={active ? 'currentColor' : 'none'}>
    <rect x="4" y="4" width="16" height="16" rx="4" />
    <path d="M8.5 14.5c1.8 1.6 5.2 1.6 7 0" stroke={active ? '#fff' : 'currentColor'} />
  </Svg>
);
export const ScanIcon = ({ size = 22 }: { size?: number }) => (
  <Svg size={size}>
    <path d="M4 9V5h4M16 5h4v4M20 15v4h-4M8 19H4v-4M4 12h16" />
  </Svg>
);
export const ImageIcon = () => (
  <Svg>
    <rect x="3.5" y="5" width="17" height="14" rx="2" />
    <circle cx="9" cy="10" r="1.6" />
    <path d="M20 16l-5-5-8 8" />
  </Svg>
);
export const VideoIcon = () => (
  <Svg>
    <rect x="3" y="6" width="13" height="12" rx="2" />
    <path d="M16 10l5-3v10l-5-3z" />
  </Svg>
);
export const VoiceIcon = () => (
  <Svg>
    <path d="M9 8a5 5 0 010 8M12.5 5.5a8.5 8.5 0 010 13M6 11.3v1.4" />
  </Svg>
);
export const PinIcon = () => (
  <Svg>
    <path d="M12 21s-6.5-6-6.5-11a6.5 6.5 0 0113 0c0 5-6.5 11-6.5 11z" />
    <circle cx="12" cy="10" r="2.3" />
  </Svg>
);
export const LinkIcon = () => (
  <Svg>
    <path d="M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1" />
  </Svg>
);
export const CloseIcon = () => (
  <Svg>
    <path d="M6 6l12 12M18 6L6 18" />
  </Svg>
);
/** The verified tick WeChat draws beside a certified account's name. */
export const VerifiedMark = ({ type }: { type: string }) => (
  <span className={`ph-verified ph-verified-${type}`} title={t('phoneKit.verified')} role="img" aria-label={t('phoneKit.verified')}>
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d="M7 12.5l3.2 3L17 9" stroke="#fff" strokeWidth="2.4" fill="none" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  </span>
);
export const MomentsIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 3v6M21 12h-6M12 21v-6M3 12h6" />
  </Svg>
);
