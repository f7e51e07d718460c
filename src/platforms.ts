/**
 * What a chat platform's adapter contributes to the service beyond its routes and its `Chat`: its
 * configuration section, its line in the start-up summary, its counters on /metrics, and how its
 * PMs are named. The core knows a platform only as an opaque name (`Platform`); each adapter exports
 * one `PlatformParts` (bots/<name>/parts.ts) and src/main.ts lists them. See docs/architecture.md,
 * "Adapters own their platform".
 *
 *   export const echoParts: PlatformParts<{ url: string }> = {
 *     readConfig: (env) => (env.ECHO_URL ? { url: env.ECHO_URL } : undefined),
 *     startupLine: () => 'Echo',
 *   };
 */

/** The environment, as `readConfig` gets it. */
export type Env = Record<string, string | undefined>;

/** How a platform's PMs are written in PM_USERS and in commands (`<prefix>:<id>`). */
export interface PmUserSyntax {
  /** The user id's prefix, the platform's name. */
  prefix: string;
  /** An entry as the PM_USERS error message shows it. */
  example: string;
  /** A word PMs type that names a user in the platform's own way (a mention), as `<prefix>:<id>`. */
  mention?(word: string): string | undefined;
}

export interface PlatformParts<C> {
  /**
   * Reads the platform's variables: undefined when they are all absent (the platform is off); a
   * `ConfigError` naming what is missing when only some are set.
   */
  readConfig(env: Env): C | undefined;
  /** Its line in `npm start`'s summary when it is on (the copy lives in src/i18n). */
  startupLine(config: C): string;
  /** HELP text of the platform's own counters on /metrics, by metric name. */
  metrics?: Readonly<Record<string, string>>;
  /** How its PMs are named, when PMs work from it (a platform that reaches clients only has none). */
  pmUsers?: PmUserSyntax;
  /** Its chat has no private form for a secret: the bot offers a secret-only page link instead. */
  noPrivateForm?: readonly string[];
}
