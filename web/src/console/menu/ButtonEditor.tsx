import type { ReactNode } from 'react';
import { Button, Card, Field, Input } from '../../ui/index.js';
import {
  BUTTON_TYPES, byteLength, FIELDS_OF, MAX_SUB_BUTTONS, pathOf, SUB_NAME_MAX_BYTES, TOP_NAME_MAX_BYTES, TYPE_LABELS,
  type ActionField, type ButtonType, type DraftButton,
} from './draft.js';
import type { Selection } from './PhonePreview.js';

const FIELD_LABELS: Record<ActionField, { label: string; hint: string; placeholder?: string }> = {
  key: { label: 'Key', hint: 'Sent back to your server in the event’s EventKey. Up to 128 bytes.', placeholder: 'V1001_TODAY' },
  url: { label: 'URL', hint: 'A full http:// or https:// link, up to 1024 bytes. The menu may link to at most 3 domains.', placeholder: 'https://example.com/' },
  appid: { label: 'Mini Program AppID', hint: '“wx” followed by 16 hexadecimal digits.', placeholder: 'wx0123456789abcdef' },
  pagepath: { label: 'Page path', hint: 'The Mini Program page to open.', placeholder: 'pages/index/index' },
  media_id: { label: 'media_id', hint: 'A permanent material’s media_id.' },
  article_id: { label: 'article_id', hint: 'The article_id of a published article.' },
};

/** The form for the selected button: name, type and the fields its type needs; ordering and removal. */
export function ButtonEditor({ buttons, selection, problems, showRequired, readOnly, onChange, onMove, onRemove, onAddSub }: {
  buttons: DraftButton[];
  selection: Selection;
  problems: Map<string, string>;
  /** After a publish attempt, empty required fields are flagged too. */
  showRequired: boolean;
  readOnly: boolean;
  onChange(patch: Partial<DraftButton>): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onAddSub(): void;
}) {
  const top = buttons[selection.top];
  const button = selection.sub === null ? top : top?.subs[selection.sub];
  if (!top || !button) return null;
  const path = pathOf(selection.top, selection.sub);
  const isTop = selection.sub === null;
  const maxName = isTop ? TOP_NAME_MAX_BYTES : SUB_NAME_MAX_BYTES;
  const siblings = isTop ? buttons.length : top.subs.length;
  const index = isTop ? selection.top : (selection.sub ?? 0);
  const title = isTop ? `Button ${selection.top + 1}` : `Button ${selection.top + 1} › Sub-button ${(selection.sub ?? 0) + 1}`;

  const errorOf = (field: string, value: string): string | null => {
    const message = problems.get(`${path}.${field}`);
    // Live checks speak as soon as something is typed; "required" waits for a publish attempt.
    return message && (value !== '' || showRequired) ? message : null;
  };

  const field = (f: ActionField): ReactNode => (
    <Field key={f} label={FIELD_LABELS[f].label} hint={FIELD_LABELS[f].hint} error={errorOf(f, button[f])}>
      {(p) => (
        <Input
          {...p}
          name={f}
          value={button[f]}
          readOnly={readOnly}
          spellCheck={false}
          placeholder={FIELD_LABELS[f].placeholder}
          className={f === 'url' || f === 'pagepath' ? '' : 'mono'}
          onChange={(e) => onChange({ [f]: e.target.value })}
        />
      )}
    </Field>
  );

  const bytes = byteLength(button.name);
  return (
    <Card
      title={title}
      description={isTop ? 'A menu-bar button: an action, or a sub-menu of up to 5 buttons.' : 'A sub-menu button.'}
      actions={
        !readOnly && (
          <>
            <Button size="sm" onClick={() => onMove(-1)} disabled={index === 0} aria-label={isTop ? 'Move left' : 'Move up'}>
              {isTop ? '←' : '↑'}
            </Button>
            <Button size="sm" onClick={() => onMove(1)} disabled={index >= siblings - 1} aria-label={isTop ? 'Move right' : 'Move down'}>
              {isTop ? '→' : '↓'}
            </Button>
            <Button size="sm" variant="danger" onClick={onRemove}>
              Remove
            </Button>
          </>
        )
      }
    >
      <Field
        label="Name"
        hint={`${bytes} / ${maxName} bytes${isTop ? ' · about 4 Chinese characters fit on the bar' : ''}`}
        error={errorOf('name', button.name)}
      >
        {(p) => <Input {...p} name="name" value={button.name} readOnly={readOnly} onChange={(e) => onChange({ name: e.target.value })} />}
      </Field>
      {isTop && top.subs.length > 0 ? (
        <div className="menu-submenu-note">
          <p>
            This button opens a sub-menu of {top.subs.length} {top.subs.length === 1 ? 'button' : 'buttons'}; it has no action of its own.
            Select a sub-button in the preview to edit it.
          </p>
          {!readOnly && top.subs.length < MAX_SUB_BUTTONS && (
            <Button size="sm" onClick={onAddSub}>
              + Add sub-button
            </Button>
          )}
        </div>
      ) : (
        <>
          <Field label="Type">
            {(p) => (
              <select
                {...p}
                name="type"
                className="input"
                value={button.type}
                disabled={readOnly}
                onChange={(e) => onChange({ type: e.target.value as ButtonType })}
              >
                {BUTTON_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]} ({t})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {FIELDS_OF[button.type].map(field)}
          {isTop && !readOnly && (
            <div className="menu-submenu-note">
              <Button size="sm" onClick={onAddSub}>
                Turn into a sub-menu
              </Button>
              <span className="muted small">Its action moves to the first sub-button.</span>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
