/** GET/PUT/DELETE /console/api/accounts/:appid/menu: the server's presenter (type-only). */
import type { ConsoleMenuView } from '../../../../src/modules/menus/console/menuPresenter.js';
import type { ApiButton } from './draft.js';

type Published = NonNullable<ConsoleMenuView['menu']>;
type Conditional = ConsoleMenuView['conditional_menus'][number];

/**
 * The menu page. The presenter sends buttons as menu/get's open JSON objects; the editor reads
 * them as ApiButton (the fields menu/get defines).
 */
export type MenuView = Omit<ConsoleMenuView, 'menu' | 'conditional_menus'> & {
  menu: (Omit<Published, 'button'> & { button: ApiButton[] }) | null;
  conditional_menus: Array<Omit<Conditional, 'button'> & { button: ApiButton[] }>;
};
