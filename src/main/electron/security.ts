/**
 * Session-wide protections: the CSP on every response (the meta tag in index.html says the same for
 * file:// loads), no permission requests granted (camera, notifications …), no downloads.
 */
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

export function applySessionSecurity(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
