/** Line icons of the article view's bottom bar (24 px, currentColor). */

export const LikeIcon = ({ on }: { on?: boolean }) => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill={on ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
    <path d="M7 10v10H4V10h3Zm0 0 4.2-6.3c.5-.8 1.7-.6 1.9.3.1.4.1.8 0 1.2L12.4 9H18a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 16.8 20H7" />
  </svg>
);

export const WowIcon = ({ on }: { on?: boolean }) => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6">
    <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12Z" fill={on ? 'currentColor' : 'none'} />
    <circle cx="12" cy="12" r="3" fill={on ? '#fff' : 'none'} />
  </svg>
);

export const CommentIcon = () => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
    <path d="M4 5h16v11H9l-4 3.5V16H4z" />
  </svg>
);

export const ShareIcon = () => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
    <path d="M14 4.5 20.5 10 14 15.5V12c-5 0-8 1.5-10 5 .5-5.5 3.5-9 10-9.5z" />
  </svg>
);

export const TipIcon = () => (
  <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
    <circle cx="12" cy="12" r="8.5" />
    <path d="M9 8l3 4 3-4M8.8 12.5h6.4M8.8 15h6.4M12 12v5" />
  </svg>
);
