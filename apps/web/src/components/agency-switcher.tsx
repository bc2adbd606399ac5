"use client";

import { lazy, Suspense, type ComponentProps } from "react";

const AgencySwitcherSelect = lazy(() => import("./agency-switcher-select").then((m) => ({ default: m.AgencySwitcherSelect })));

/**
 * Shown only to people in several agencies; switching reloads every page's data. Loaded on demand:
 * the layout imports it on every page, and its Radix Select (with popper, focus scope and scroll
 * lock, about 30 kB compressed) would otherwise be sent to everyone, most of whom never see it.
 * React's own lazy, not next/dynamic: no page then carries next/dynamic's loader for it.
 */
export function AgencySwitcher(props: ComponentProps<typeof AgencySwitcherSelect>) {
  return (
    <Suspense fallback={null}>
      <AgencySwitcherSelect {...props} />
    </Suspense>
  );
}
