import type { ApiButton } from './draft.js';

/** GET/PUT/DELETE /console/api/accounts/:appid/menu, as src/console/menuPresenter.ts sends it. */
export interface MenuView {
  available: boolean;
  unavailable_reason: string | null;
  read_only: boolean;
  read_only_reason: string | null;
  menu: { menuid: string; button: ApiButton[]; source: string; updated_at: string } | null;
  conditional_menus: Array<{
    menuid: string;
    button: ApiButton[];
    matchrule: { tag_id?: string; client_platform_type?: string };
    tag_name: string | null;
    source: string;
    created_at: string;
  }>;
}
