"use client";

import dynamic from "next/dynamic";

/**
 * Shown only to people in several agencies; switching reloads every page's data. Loaded on demand:
 * the layout imports it on every page, and its Radix Select (with popper, focus scope and scroll
 * lock, about 30 kB compressed) would otherwise be sent to everyone, most of whom never see it.
 */
export const AgencySwitcher = dynamic(() => import("./agency-switcher-select").then((m) => m.AgencySwitcherSelect));
