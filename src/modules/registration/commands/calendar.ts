import type { Config } from '../../../main/config.js';
import { withAddedDays } from '../rules/businessDays.js';
import { CHINA_HOLIDAYS, type HolidayTable } from '../rules/chinaHolidays.js';

/** China's business calendar of this instance: the shipped table and HERALD_CHINA_HOLIDAYS_FILE's additions. */
export const calendarOf = (config: Pick<Config, 'chinaHolidays'>): HolidayTable => withAddedDays(CHINA_HOLIDAYS, config.chinaHolidays);
