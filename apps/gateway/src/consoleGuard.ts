import { isLoopbackHost } from '@sealbus/console';
import { describeValue, InvalidParameterValueError } from '@sealbus/core';

/**
 * The console served by the gateway obeys the gateway's security: it needs an access token when
 * signatures are verified (or the console would be the unsigned way in) and when the gateway
 * binds beyond loopback (as the standalone console requires).
 */
export function assertConsoleProtected(options: {
  host: string;
  verifySigv4: boolean;
  /** `none`: no console; `open`: a console without an access token. */
  console: 'none' | 'open' | 'token';
}): void {
  if (options.console !== 'open') return;
  if (!isLoopbackHost(options.host)) {
    throw new InvalidParameterValueError(
      `host ${describeValue(options.host)} is not a loopback address, so the web console needs an access token: pass --console-token (at least 16 characters) or bind to 127.0.0.1.`,
      { field: 'consoleToken' },
    );
  }
  if (options.verifySigv4) {
    throw new InvalidParameterValueError(
      'the gateway verifies SigV4 signatures, so the web console needs an access token (it would otherwise be an unsigned way in): pass --console-token (at least 16 characters).',
      { field: 'consoleToken' },
    );
  }
}
