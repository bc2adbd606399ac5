import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium for every Playwright suite (e2e, smoke): Playwright never downloads browsers
 * here (docs/toolchain.md pitfall 10). The flags keep it off a closed network's background calls.
 */
export const chromiumLaunch: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};
