import type { MetricsRegistry } from '../shared/metrics.js';
import type { OutboxCounts, OutboxStore } from './store.js';

/**
 * The notification outbox as two gauges counted when scraped: messages waiting for delivery and dead letters,
 * per subscriber (the catalogue's subscribers, so their number is bounded by it).
 */
export function registerOutboxMetrics(metrics: MetricsRegistry, outbox: OutboxStore): void {
  const gauges: Array<[name: string, help: string, count: keyof Pick<OutboxCounts, 'pending' | 'dead'>]> = [
    ['ntjp_ei_outbox_depth', 'Notifications waiting for delivery (or redelivery), per subscriber.', 'pending'],
    ['ntjp_ei_dead_letters', 'Notifications given up after the last redelivery, per subscriber, until requeued.', 'dead'],
  ];
  for (const [name, help, count] of gauges) {
    metrics.gauge(name, help, ['subscriber'], async (gauge) => {
      const rows = await outbox.counts();
      gauge.reset();
      for (const row of rows) gauge.set({ subscriber: row.subscriber }, row[count]);
    });
  }
}
