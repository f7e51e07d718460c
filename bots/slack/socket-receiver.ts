/**
 * A Bolt `Receiver` over Socket Mode (SLACK_APP_TOKEN set) that acknowledges an envelope only after
 * the listeners ran — as `ServiceReceiver` does over HTTP. Bolt's own `SocketModeReceiver` sends
 * the ack of an Events API envelope before any listener runs, so a crash right after it would lose
 * a message Slack will not send again; here the listener has stored it durably first. The Socket
 * Mode client reaches `apps.connections.open` through `SLACK_API_URL`, like every other Slack call.
 *
 *   const receiver = new DurableSocketReceiver({ appToken, apiUrl, logger });
 *   const app = new App({ token, receiver, … });  await app.start();
 */
import { type App, type Logger as BoltLogger, ErrorCode, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';

export interface DurableSocketReceiverOptions {
  appToken: string;
  /** Slack's Web API base (`SLACK_API_URL`; default Slack's): where `apps.connections.open` is asked for the socket URL. */
  apiUrl?: string | undefined;
  logger: BoltLogger;
}

/** What the Socket Mode client hands over for each envelope. */
interface SocketEnvelope {
  ack(response?: Record<string, unknown>): Promise<void>;
  envelope_id: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

export class DurableSocketReceiver implements Receiver {
  readonly client: SocketModeClient;
  private app: App | undefined;

  constructor(private readonly opts: DurableSocketReceiverOptions) {
    this.client = new SocketModeClient({
      appToken: opts.appToken,
      logger: opts.logger,
      clientOptions: opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {},
    });
    this.client.on('slack_event', (envelope: SocketEnvelope) => void this.dispatch(envelope));
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }

  private async dispatch(envelope: SocketEnvelope): Promise<void> {
    const { logger } = this.opts;
    let response: Record<string, unknown> | undefined;
    const event: ReceiverEvent = {
      body: envelope.body,
      // Bolt calls this before the listeners of an event run: keep what it would say, send it after.
      ack: async (reply?: unknown) => {
        if (reply && typeof reply === 'object') response = reply as Record<string, unknown>;
        else if (typeof reply === 'string') response = { text: reply };
      },
      ...(envelope.retry_num !== undefined ? { retryNum: envelope.retry_num } : {}),
      ...(envelope.retry_reason !== undefined ? { retryReason: envelope.retry_reason } : {}),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      // As Bolt does: an authorization failure is acknowledged (a retry would fail the same way);
      // anything else is not, and Slack delivers the envelope again.
      const code = (error as { code?: string }).code;
      logger.error(`Slack envelope ${envelope.envelope_id} failed: ${(error as Error).message}`);
      if (code !== ErrorCode.AuthorizationError) return;
    }
    await envelope
      .ack(response)
      .catch((err: unknown) =>
        logger.warn(`Could not acknowledge Slack envelope ${envelope.envelope_id}: ${(err as Error).message}`),
      );
  }
}
