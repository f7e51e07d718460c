/**
 * A Bolt `Receiver` on the service's one HTTP server: the route `POST /slack/events` hands it the
 * raw request. It does what Bolt's own HTTPReceiver does (verify the v0 signature, parse, answer
 * url_verification and ssl_check, ack through `HTTPResponseAck`), with two differences: the clock is
 * ours (so tests pin it), and the response is sent only after the listeners ran
 * (`processBeforeResponse`), because a listener stores the event durably before Slack may forget it.
 * The body is read with the service's `readBody` (1 MB at most, else 413) before anything else, so
 * an unsigned request cannot make us buffer without limit; Bolt gets those exact bytes as `rawBody`.
 *
 *   const receiver = new ServiceReceiver({ signingSecret, clock, logger });
 *   http.route('POST', '/slack/events', receiver.requestHandler);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  type Logger as BoltLogger,
  HTTPModuleFunctions as httpFunc,
  HTTPResponseAck,
  type Receiver,
  type ReceiverEvent,
  verifySlackRequest,
} from '@slack/bolt';
import { readBody } from '../../src/http/server.js';
import type { Clock } from '../../src/ports.js';

export interface SignedRequest {
  signingSecret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}

/**
 * Bolt's own check (HMAC-SHA256 of `v0:<ts>:<body>`, at most 5 minutes old) at our clock's time.
 * Throws with the reason when the request is forged, stale or unsigned.
 *
 *   verifySignature({ signingSecret, body, signature: req.headers['x-slack-signature'], timestamp, now: clock.now() });
 */
export function verifySignature(req: SignedRequest): void {
  if (!req.signature || !req.timestamp) throw new Error('Failed to verify authenticity: the x-slack-signature or x-slack-request-timestamp header is missing');
  verifySlackRequest({
    signingSecret: req.signingSecret,
    body: req.body,
    headers: { 'x-slack-signature': req.signature, 'x-slack-request-timestamp': Number(req.timestamp) },
    nowMilliseconds: req.now.getTime(),
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export interface ServiceReceiverOptions {
  signingSecret: string;
  clock: Clock;
  logger: BoltLogger;
}

export class ServiceReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly opts: ServiceReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  /** The HTTP server is the service's: nothing to start or stop here. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * For `http.route('POST', '/slack/events', …)`. A body over 1 MB throws `BodyTooLargeError`,
   * which the service's HTTP server answers with 413.
   */
  readonly requestHandler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { logger } = this.opts;
    // Bolt reads `rawBody` when it is already a Buffer instead of buffering the stream again.
    const buffered: BufferedIncomingMessage = Object.assign(req, { rawBody: await readBody(req) });
    const raw = buffered.rawBody.toString();
    if (header(req, 'content-type') === 'application/x-www-form-urlencoded' && new URLSearchParams(raw).get('ssl_check') === '1') {
      return httpFunc.buildSSLCheckResponse(res);
    }
    try {
      verifySignature({ signingSecret: this.opts.signingSecret, body: raw, signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp'), now: this.opts.clock.now() });
    } catch (err) {
      logger.warn(`Refused a Slack request: ${(err as Error).message}`);
      return httpFunc.buildNoBodyResponse(res, 401);
    }
    let body: Record<string, unknown>;
    try {
      body = httpFunc.parseHTTPRequestBody(buffered) as Record<string, unknown>;
    } catch (err) {
      logger.warn(`Malformed Slack request body: ${(err as Error).message}`);
      return httpFunc.buildNoBodyResponse(res, 400);
    }
    if (body.type === 'url_verification') return httpFunc.buildUrlVerificationResponse(res, body);
    await this.dispatch(buffered, body, res);
  };

  private async dispatch(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const { logger } = this.opts;
    const ack = new HTTPResponseAck({ logger, processBeforeResponse: true, httpRequest: req, httpRequestBody: body, httpResponse: res });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: httpFunc.extractRetryNumFromHTTPRequest(req),
      retryReason: httpFunc.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await this.app?.processEvent(event);
      if (!res.headersSent) httpFunc.buildContentResponse(res, ack.storedResponse);
    } catch (error) {
      const acked = await httpFunc.defaultProcessEventErrorHandler({ error: error as Error, logger, request: req, response: res, storedResponse: ack.storedResponse });
      if (acked) ack.ack();
    }
  }
}
