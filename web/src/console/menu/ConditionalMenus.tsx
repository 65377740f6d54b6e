import { Card } from '../../ui/index.js';
import { dateTime } from '../format.js';
import type { MenuView } from './types.js';
import { t } from '../../i18n/index.js';

const PLATFORMS: Record<string, string> = { '1': 'iOS', '2': 'Android', '3': t('menu.otherPlatforms') };

/** Personalized menus (menu/addconditional) are made through the API; the console lists them. */
export function ConditionalMenus({ menus }: { menus: MenuView['conditional_menus'] }) {
  if (menus.length === 0) return null;
  return (
    <Card title={t('menu.personalizedMenus')} description={t('menu.createdWithCgiBin')}>
      <ul className="menu-conditional">
        {menus.map((m) => (
          <li key={m.menuid}>
            <div className="menu-conditional-rule">
              {m.matchrule.tag_id !== undefined && (
                <span className="badge badge-blue">{t('menu.tag', { value: m.tag_name ?? m.matchrule.tag_id })}</span>
              )}
              {m.matchrule.client_platform_type !== undefined && (
                <span className="badge badge-gray">{PLATFORMS[m.matchrule.client_platform_type] ?? m.matchrule.client_platform_type}</span>
              )}
              <span className="muted small">{t('menu.menuid', { menuid: m.menuid, value: dateTime(m.created_at) })}</span>
            </div>
            <div className="menu-conditional-buttons">
              {m.button.map((b, i) => (
                <span key={i} className="menu-chip">
                  {b.name}
                  {b.sub_button.length > 0 && <span className="muted"> ({b.sub_button.map((s) => s.name).join(', ')})</span>}
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
