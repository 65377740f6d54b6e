import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render(row: T): ReactNode;
  /** Right-align numbers; 'nowrap' keeps dates on one line. */
  className?: string;
  width?: string;
}

/**
 * A data table. With `onRowClick` rows are focusable and open with Enter, so the table works
 * from the keyboard too.
 */
export function Table<T>({ columns, rows, rowKey, onRowClick, selectedKey, empty, label }: {
  columns: Column<T>[];
  rows: T[];
  rowKey(row: T): string | number;
  onRowClick?(row: T): void;
  selectedKey?: string | number | null;
  empty?: ReactNode;
  label?: string;
}) {
  const keyDown = (row: T) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onRowClick?.(row);
    }
  };
  return (
    // The wrapper scrolls sideways on narrow screens; focusable so the keyboard can scroll it too.
    <div className="table-wrap" tabIndex={0} role={label ? 'region' : undefined} aria-label={label}>
      <table className={`table ${onRowClick ? 'table-clickable' : ''}`} aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.className} style={c.width ? { width: c.width } : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            return (
              <tr
                key={key}
                data-key={key}
                className={selectedKey === key ? 'selected' : undefined}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                onKeyDown={onRowClick ? keyDown(row) : undefined}
                tabIndex={onRowClick ? 0 : undefined}
                aria-selected={onRowClick ? selectedKey === key : undefined}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}
