"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => "UTC";

/**
 * The viewer's time zone for events (syncs, requests, audit entries). The server renders in UTC
 * and hydration switches to the browser's zone; the zone is always named beside the time
 * (`formatEventTime`), so neither reading is ambiguous.
 */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(subscribe, browserZone, serverZone);
}
