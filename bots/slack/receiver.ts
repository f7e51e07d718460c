/**
 * A Bolt `Receiver` on the service's one HTTP server: the route `POST /slack/events` hands it the
 * raw request. It does what Bolt's own HTTPReceiver does (verify the v0 signature, parse, answer
 * url_verification and ssl_check, ack through `HTTPResponseAck`), with two differences: the clock is
 * ours (so tests pin it), and the response is sent only after the listeners ran
 * (`processBeforeResponse`), because a listener stores the event durably before Slack may forget it.
 * The body is read with the service's `readBody` (1 MB at most, else 413) before anything else, so
 * an unsigned request cannot make us buffer without limit; Bolt gets those exact bytes as `rawBody`.
 * A signed request is run once: its digest (signature + timestamp) is claimed in a request log for
 * as long as the signature is fresh, and the same bytes again are acknowledged without running.
 *
 *   const receiver = new ServiceReceiver({ signingSecret, clock, logger });
 *   http.route('POST', '/slack/events', receiver.requestHandler);
 */
import { createHash } from 'node:crypto';
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
import { readBody } from '../../web/server.js';
import type { Clock } from '../../src/ports.js';

export interface SignedRequest {
  signingSecret: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}

/** The only forms taken: what Slack sends, so one signed request has one spelling. */
const SIGNATURE_FORMAT = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP_FORMAT = /^[1-9]\d{0,11}$/;

/** How far a signed request's timestamp may be from our clock, either way (Slack's own rule for the past). */
export const MAX_SKEW_S = 5 * 60;

/**
 * Bolt's own check (HMAC-SHA256 of `v0:<ts>:<body>`, at most 5 minutes old) at our clock's time,
 * and ours after it: a timestamp more than 5 minutes in the future is refused too (Bolt lets it
 * through, which would make a signed request replayable for as long as the future is far).
 * Throws with the reason when the request is forged, stale, from the future or unsigned.
 *
 *   verifySignature({ signingSecret, body, signature: req.headers['x-slack-signature'], timestamp, now: clock.now() });
 */
export function verifySignature(req: SignedRequest): void {
  if (!req.signature || !req.timestamp)
    throw new Error(
      'Failed to verify authenticity: the x-slack-signature or x-slack-request-timestamp header is missing',
    );
  // Bolt's own check is looser than the format Slack sends (it splits the signature on '=' and reads
  // the timestamp with Number()), so `v0=<hash>=1` or `0<ts>` would verify too and, as other strings,
  // escape the replay log. Only the canonical form is taken, and the log's key is built from it.
  if (!SIGNATURE_FORMAT.test(req.signature))
    throw new Error('Failed to verify authenticity: x-slack-signature is not v0= and 64 lowercase hex digits');
  if (!TIMESTAMP_FORMAT.test(req.timestamp))
    throw new Error('Failed to verify authenticity: x-slack-request-timestamp is not a number of seconds');
  verifySlackRequest({
    signingSecret: req.signingSecret,
    body: req.body,
    headers: { 'x-slack-signature': req.signature, 'x-slack-request-timestamp': Number(req.timestamp) },
    nowMilliseconds: req.now.getTime(),
  });
  if (Number(req.timestamp) - req.now.getTime() / 1000 > MAX_SKEW_S) {
    throw new Error(
      'Failed to verify authenticity: x-slack-request-timestamp is more than 5 minutes in the future (a request signed for later, or a clock to sync)',
    );
  }
}

/**
 * Signed requests already run, for the window their signature stays fresh in (db/request-log.ts
 * keeps it in SQLite, so it holds across restarts and processes).
 */
export interface SignedRequestLog {
  /** True the first time `digest` is claimed; false for a replay. Resolves once the claim is durable. */
  claim(digest: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** Gives a claim back: the request failed (5xx), so a retry of it must run. */
  release(digest: string): void;
}

/** A process's own memory of signed requests: for tests and tools without a database. */
export function memoryRequestLog(): SignedRequestLog {
  const seen = new Map<string, number>();
  return {
    async claim(digest, expiresAt, now) {
      for (const [d, until] of seen) if (until < now.getTime()) seen.delete(d);
      if (seen.has(digest)) return false;
      seen.set(digest, expiresAt.getTime());
      return true;
    },
    release: (digest) => void seen.delete(digest),
  };
}

/**
 * One signed request's identity: its signature covers timestamp and body, so the same bytes give the
 * same digest. Built from the canonical form (lowercase hash, timestamp as a number), though
 * `verifySignature` already refuses any other spelling.
 */
export function requestDigest(signature: string, timestamp: string): string {
  const hash = signature.replace(/^v0=/, '').toLowerCase();
  return createHash('sha256')
    .update(`slack:${Number(timestamp)}:v0=${hash}`)
    .digest('hex');
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
};

export interface ServiceReceiverOptions {
  signingSecret: string;
  clock: Clock;
  logger: BoltLogger;
  /** Where run requests are remembered (default: this process's memory). */
  requestLog?: SignedRequestLog;
}

export class ServiceReceiver implements Receiver {
  private app: App | undefined;
  private readonly requestLog: SignedRequestLog;

  constructor(private readonly opts: ServiceReceiverOptions) {
    this.requestLog = opts.requestLog ?? memoryRequestLog();
  }

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
    if (
      header(req, 'content-type') === 'application/x-www-form-urlencoded' &&
      new URLSearchParams(raw).get('ssl_check') === '1'
    ) {
      return httpFunc.buildSSLCheckResponse(res);
    }
    const signature = header(req, 'x-slack-signature') ?? '';
    const timestamp = header(req, 'x-slack-request-timestamp') ?? '';
    try {
      verifySignature({
        signingSecret: this.opts.signingSecret,
        body: raw,
        signature,
        timestamp,
        now: this.opts.clock.now(),
      });
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
    const digest = requestDigest(signature, timestamp);
    const now = this.opts.clock.now();
    if (!(await this.requestLog.claim(digest, new Date((Number(timestamp) + MAX_SKEW_S + 1) * 1000), now))) {
      // The same signed bytes again (an attacker replaying a captured request; Slack's own retries are
      // signed anew and carry x-slack-retry-num). Acknowledged, so nothing waits on it, and not run twice.
      logger.warn('Slack request replayed (same signature and timestamp): acknowledged with 200, not run again');
      return httpFunc.buildNoBodyResponse(res, 200);
    }
    try {
      await this.dispatch(buffered, body, res);
    } catch (err) {
      this.requestLog.release(digest);
      throw err;
    }
    if (res.statusCode >= 500) this.requestLog.release(digest);
  };

  private async dispatch(req: IncomingMessage, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const { logger } = this.opts;
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: true,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
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
      const acked = await httpFunc.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (acked) ack.ack();
    }
  }
}
