import type { ButtonHTMLAttributes } from 'react';
import { Spinner } from './feedback.js';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  /** Shows a spinner and disables the button while an action runs. */
  loading?: boolean;
}

/** The kit's button. `type` defaults to "button" so buttons never submit forms by accident. */
export function Button({ variant = 'secondary', size = 'md', loading = false, disabled, className, children, type, ...rest }: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type ?? 'button'} className={cls} disabled={disabled || loading} aria-busy={loading || undefined} {...rest}>
      {loading && <Spinner size={14} />}
      {children}
    </button>
  );
}
