/**
 * A Chart.js chart, with only the parts we use registered (keeps the bundle small), and the same figures
 * as a table for screen readers and anyone who wants the numbers (WCAG 1.1.1: a canvas alone says nothing).
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { formatPercent, t } from '../i18n/i18n.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface Series {
  label: string;
  values: number[];
  colour: string;
  /** Shown in the table: a rate as a percentage, a count as a number. */
  format: (value: number) => string;
}

interface Props {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  yPercent?: boolean;
}

export function LineChart({ id, title, labels, series, yPercent = false }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    const datasets: ChartDataset<'line'>[] = series.map((s) => ({
      label: s.label,
      data: s.values,
      borderColor: s.colour,
      backgroundColor: s.colour,
      borderWidth: 2,
      pointRadius: labels.length > 40 ? 0 : 2,
      tension: 0.2,
    }));
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: {
            beginAtZero: true,
            ticks: yPercent ? { callback: (v) => formatPercent(Number(v)) } : { precision: 0 },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label}: ${series[item.datasetIndex]?.format(item.parsed.y ?? 0)}`,
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, series, yPercent]);

  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} id={id} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{t('common.showTable')}</summary>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('overview.day')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label} class="num">
                      {s.format(s.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
