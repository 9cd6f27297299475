/** A table of rows from the API: header cells from a list of labels, a line saying so when it is empty,
 * and a wrapper that scrolls sideways on a narrow screen rather than the page (or, for `.list`, cards). */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/i18n.js';

export interface Column {
  label: string;
  num?: boolean;
}

interface Props {
  columns: Column[];
  rows: number;
  caption?: string;
  /** `list` turns each row into a card at phone width (styles.css). */
  cards?: boolean;
  children: ComponentChildren;
}

export function ListTable({ columns, rows, caption, cards = true, children }: Props) {
  return (
    <div class="table-scroll">
      <table class={cards ? 'list' : undefined}>
        {caption === undefined ? null : <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.label} class={c.num === true ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows === 0 ? (
            <tr>
              <td colSpan={columns.length}>{t('common.empty')}</td>
            </tr>
          ) : null}
          {children}
        </tbody>
      </table>
    </div>
  );
}
