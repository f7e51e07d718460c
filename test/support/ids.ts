/**
 * A client's App ID for tests. Not the bot's own example (`wx0123456789abcdef`, shown in its hints): the
 * reader refuses the example as a value, so a test that means "the client sent their App ID" uses this one.
 *
 *   await session.send('client', `App ID ${CLIENT_APP_ID}`);
 */
export const CLIENT_APP_ID = 'wx5d2c8e4f1a7b9c03';
