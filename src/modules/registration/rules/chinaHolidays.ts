/**
 * China's public holidays and the weekend days worked in their place (调休), as the State
 * Council's yearly notices set them. Pure data, updated each year when the next notice is
 * published (usually in November); a year missing here counts weekends only.
 * 2025: 国办发明电〔2024〕12号. 2026: 国务院办公厅关于2026年部分节假日安排的通知 of 2025-11-04
 * (published by Xinhua the same day); every holiday and swapped working day below was checked
 * against its text.
 */
export interface HolidayTable {
  /** Days off that would otherwise be working days (YYYY-MM-DD, China time). */
  holidays: readonly string[];
  /** Saturdays and Sundays that are working days (YYYY-MM-DD, China time). */
  workdays: readonly string[];
}

const range = (from: string, days: number): string[] => {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
};

export const CHINA_HOLIDAYS: HolidayTable = {
  holidays: [
    // 2025
    '2025-01-01',
    ...range('2025-01-28', 8), // 春节
    ...range('2025-04-04', 3), // 清明节
    ...range('2025-05-01', 5), // 劳动节
    ...range('2025-05-31', 3), // 端午节
    ...range('2025-10-01', 8), // 国庆节、中秋节
    // 2026
    ...range('2026-01-01', 3), // 元旦
    ...range('2026-02-15', 9), // 春节
    ...range('2026-04-04', 3), // 清明节
    ...range('2026-05-01', 5), // 劳动节
    ...range('2026-06-19', 3), // 端午节
    ...range('2026-09-25', 3), // 中秋节
    ...range('2026-10-01', 7), // 国庆节
  ],
  workdays: [
    '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
    '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
  ],
};
