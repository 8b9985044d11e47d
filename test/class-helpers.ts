import { existsSync } from 'node:fs';

/** Debian's chromium (or $CHROMIUM), for the browser test. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
  return candidates.find((c) => existsSync(c)) ?? null;
}
