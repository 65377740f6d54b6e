import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

/**
 * A labelled form field. The control is rendered by `children(id, describedBy)` so the label,
 * hint and error are wired to it for screen readers.
 */
export function Field({ label, hint, error, children }: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children(props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }): ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && !error && (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`input ${className ?? ''}`} {...rest} />;
}

export function TextArea({ className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`input textarea ${className ?? ''}`} {...rest} />;
}

export interface RadioOption<V extends string> {
  value: V;
  label: ReactNode;
  description?: ReactNode;
}

/** A group of radio cards: one choice, each with a short explanation. */
export function RadioGroup<V extends string>({ name, value, options, onChange, label }: {
  name: string;
  value: V;
  options: RadioOption<V>[];
  onChange(value: V): void;
  label: string;
}) {
  const id = useId();
  return (
    <fieldset className="radio-group">
      <legend className="field-label">{label}</legend>
      <div className="radio-options">
        {options.map((o) => (
          // The option's name is its label; the description is read as a description.
          <label key={o.value} className={`radio-card ${value === o.value ? 'checked' : ''}`}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              aria-labelledby={`${id}-${o.value}-label`}
              aria-describedby={o.description ? `${id}-${o.value}-description` : undefined}
            />
            <span>
              <span className="radio-label" id={`${id}-${o.value}-label`}>{o.label}</span>
              {o.description && <span className="radio-description" id={`${id}-${o.value}-description`}>{o.description}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox({ label, checked, onChange, hint }: { label: ReactNode; checked: boolean; onChange(v: boolean): void; hint?: ReactNode }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <span className="field-hint">{hint}</span>}
      </span>
    </label>
  );
}
