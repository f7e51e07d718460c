/**
 * Counters for `GET /metrics` (Prometheus text format): what came in, what went out, and a few
 * gauges read at scrape time. No client library: a handful of labelled counters is all we need.
 *
 *   const metrics = new Metrics(adapterHelp);   // each adapter's own counters (`PlatformParts.metrics`)
 *   metrics.count('release_bot_inbound_total', { platform: 'local', result: 'stored' });
 *   metrics.render({ release_bot_open_releases: 12 });
 */
type Labels = Record<string, string>;

const HELP: Record<string, string> = {
  release_bot_inbound_total: 'Inbound messages by platform and result (stored, duplicate).',
  release_bot_commands_total: 'PM commands (/release …) by platform and result (stored, duplicate).',
  release_bot_outbound_total: 'Outbound sends by platform and result (sent, retried, handed_to_pm, failed).',
  release_bot_processed_total:
    'Stored messages read and answered by the processing worker thread (PROCESSING=worker); the rest are processed in the service thread.',
  release_bot_open_releases: 'Releases currently open.',
  release_bot_scheduled_reminders: 'Reminders scheduled in SQLite.',
  release_bot_outbox_pending: 'Messages waiting in the outbox.',
};

const key = (labels: Labels): string =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

export class Metrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly help: Readonly<Record<string, string>>;

  /** `help`: HELP text of counters the core does not know (an adapter's own). */
  constructor(help: Readonly<Record<string, string>> = {}) {
    this.help = { ...help, ...HELP };
  }

  count(name: string, labels: Labels = {}, by = 1): void {
    const series = this.counters.get(name) ?? new Map<string, number>();
    const k = key(labels);
    series.set(k, (series.get(k) ?? 0) + by);
    this.counters.set(name, series);
  }

  render(gauges: Record<string, number> = {}): string {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${this.help[name] ?? name}`, `# TYPE ${name} counter`);
      for (const [labels, value] of series) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    }
    for (const [name, value] of Object.entries(gauges)) {
      lines.push(`# HELP ${name} ${this.help[name] ?? name}`, `# TYPE ${name} gauge`, `${name} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
