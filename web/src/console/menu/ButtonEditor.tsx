import type { ReactNode } from 'react';
import { Button, Card, Field, Input, TextArea } from '../../ui/index.js';
import { MaterialField } from '../materials/MaterialField.js';
import type { PickKind } from '../materials/types.js';
import {
  API_BUTTON_TYPES, SEND_MESSAGE_TYPES, byteLength, FIELDS_OF, MAX_SUB_BUTTONS, pathOf, SUB_NAME_MAX_BYTES, TOP_NAME_MAX_BYTES, TYPE_LABELS,
  type ActionField, type ButtonType, type DraftButton,
} from './draft.js';
import type { Selection } from './PhonePreview.js';
import { t } from '../../i18n/index.js';

const FIELD_LABELS: Record<ActionField, { label: string; hint: string; placeholder?: string }> = {
  key: { label: t('menu.key'), hint: t('menu.sentBackToYour'), placeholder: t('menu.v1001Today') },
  url: { label: 'URL', hint: t('menu.aFullHttpOr'), placeholder: 'https://example.com/' },
  appid: { label: t('menu.miniProgramAppid'), hint: t('menu.wxFollowedBy16'), placeholder: 'wx0123456789abcdef' },
  pagepath: { label: t('menu.pagePath'), hint: t('menu.theMiniProgramPage'), placeholder: 'pages/index/index' },
  media_id: { label: 'media_id', hint: t('menu.aPermanentMaterialS') },
  article_id: { label: 'article_id', hint: t('menu.theArticleIdOf') },
  value: { label: t('menu.messageText'), hint: t('menu.messageTextHint') },
};

/** Which materials the picker offers for a type's media_id / article_id (view_limited: news materials). */
const PICK_KINDS: Partial<Record<ButtonType, PickKind[]>> = {
  media_id: ['image', 'voice', 'video'],
  view_limited: ['news'],
  img: ['image'],
  voice: ['voice'],
  video: ['video'],
  article_id: ['article'],
  article_view_limited: ['article'],
  news: ['article'],
};

/** The form for the selected button: name, type and the fields its type needs; ordering and removal. */
export function ButtonEditor({ appid, buttons, selection, problems, showRequired, readOnly, onChange, onMove, onRemove, onAddSub }: {
  appid: string;
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
  const title = isTop ? t('menu.buttonN', { n: selection.top + 1 }) : t('menu.buttonSubButton', { n: selection.top + 1, sub: (selection.sub ?? 0) + 1 });

  const errorOf = (field: string, value: string): string | null => {
    const message = problems.get(`${path}.${field}`);
    // Live checks speak as soon as something is typed; "required" waits for a publish attempt.
    return message && (value !== '' || showRequired) ? message : null;
  };

  const field = (f: ActionField): ReactNode => {
    const kinds = PICK_KINDS[button.type];
    if (kinds && (f === 'media_id' || f === 'article_id')) {
      return <MaterialField key={f} appid={appid} kinds={kinds} label={TYPE_LABELS[button.type]} value={button[f]} error={errorOf(f, button[f])} readOnly={readOnly} onChange={(id) => onChange({ [f]: id })} />;
    }
    if (f === 'value') {
      return (
        <Field key={f} label={FIELD_LABELS.value.label} hint={FIELD_LABELS.value.hint} error={errorOf(f, button.value)}>
          {(p) => <TextArea {...p} name="value" rows={4} value={button.value} readOnly={readOnly} onChange={(e) => onChange({ value: e.target.value })} />}
        </Field>
      );
    }
    return plainField(f);
  };

  const plainField = (f: ActionField): ReactNode => (
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
      description={isTop ? t('menu.aMenuBarButton') : t('menu.aSubMenuButton')}
      actions={
        !readOnly && (
          <>
            <Button size="sm" onClick={() => onMove(-1)} disabled={index === 0} aria-label={isTop ? t('menu.moveLeft') : t('menu.moveUp')}>
              {isTop ? '←' : '↑'}
            </Button>
            <Button size="sm" onClick={() => onMove(1)} disabled={index >= siblings - 1} aria-label={isTop ? t('menu.moveRight') : t('menu.moveDown')}>
              {isTop ? '→' : '↓'}
            </Button>
            <Button size="sm" variant="danger" onClick={onRemove}>
              {t('menu.remove')}
            </Button>
          </>
        )
      }
    >
      <Field
        label={t('menu.name')}
        hint={isTop ? t('menu.bytesTop', { bytes, maxName }) : t('menu.bytes', { bytes, maxName })}
        error={errorOf('name', button.name)}
      >
        {(p) => <Input {...p} name="name" value={button.name} readOnly={readOnly} onChange={(e) => onChange({ name: e.target.value })} />}
      </Field>
      {isTop && top.subs.length > 0 ? (
        <div className="menu-submenu-note">
          <p>
            {t('menu.thisButtonOpensA', { count: top.subs.length })}
          </p>
          {!readOnly && top.subs.length < MAX_SUB_BUTTONS && (
            <Button size="sm" onClick={onAddSub}>
              {t('menu.addSubButton')}
            </Button>
          )}
        </div>
      ) : (
        <>
          <Field label={t('menu.type')}>
            {(p) => (
              <select
                {...p}
                name="type"
                className="input"
                value={button.type}
                disabled={readOnly}
                onChange={(e) => onChange({ type: e.target.value as ButtonType })}
              >
                <optgroup label={t('menu.sendMessageGroup')}>
                  {SEND_MESSAGE_TYPES.map((ty) => (
                    <option key={ty} value={ty}>{TYPE_LABELS[ty]}</option>
                  ))}
                </optgroup>
                <optgroup label={t('menu.apiTypesGroup')}>
                  {API_BUTTON_TYPES.map((ty) => (
                    <option key={ty} value={ty}>
                      {TYPE_LABELS[ty]} ({ty})
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          {FIELDS_OF[button.type].map(field)}
          {isTop && !readOnly && (
            <div className="menu-submenu-note">
              <Button size="sm" onClick={onAddSub}>
                {t('menu.turnIntoASub')}
              </Button>
              <span className="muted small">{t('menu.itsActionMovesTo')}</span>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
