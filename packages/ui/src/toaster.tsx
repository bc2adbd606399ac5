"use client";

import { useTheme } from "next-themes";
import { useEffect, useState, type CSSProperties } from "react";
import type { ExternalToast, ToasterProps } from "sonner";

// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the module type of a lazy import(), not a value import
type Sonner = typeof import("sonner");
type Call = (sonner: Sonner) => void;

// Sonner (about 10 kB of compressed JavaScript) is loaded with the first toast, not with every
// page: most page loads never show one, and the root layout mounts the Toaster on all of them.
// A toast asked for before Sonner's Toaster is mounted waits here, then shows.
let loading: Promise<Sonner> | undefined;
let ready: Sonner | undefined;
const waiting: Call[] = [];
const wakeToaster = new Set<() => void>();

function show(call: Call) {
  if (ready) return call(ready);
  waiting.push(call);
  for (const wake of wakeToaster) wake();
}

/** Sonner's toast (the calls the app uses), safe to call before Sonner has loaded. */
export const toast = Object.assign((message: string, data?: ExternalToast) => show((s) => void s.toast(message, data)), {
  success: (message: string, data?: ExternalToast) => show((s) => void s.toast.success(message, data)),
  error: (message: string, data?: ExternalToast) => show((s) => void s.toast.error(message, data)),
});

/**
 * Mount once in the root layout (inside ThemeProvider) so toasts follow the light/dark theme.
 * Results of long work arrive here; the app also keeps them in its history, since toasts vanish.
 */
export function Toaster(props: ToasterProps) {
  const { resolvedTheme } = useTheme();
  const [sonner, setSonner] = useState<Sonner | null>(null);
  useEffect(() => {
    const load = () => void (loading ??= import("sonner")).then(setSonner);
    if (waiting.length > 0) load();
    wakeToaster.add(load);
    return () => void wakeToaster.delete(load);
  }, []);
  useEffect(() => {
    if (!sonner) return;
    // Sonner's Toaster (a child) has subscribed to its store by now: children's effects run first.
    ready = sonner;
    for (const call of waiting.splice(0)) call(sonner);
    return () => void (ready = undefined);
  }, [sonner]);
  if (!sonner) return null;
  const Sonner = sonner.Toaster;
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      richColors
      closeButton
      // Sonner's container is an aria-live region; a label tells screen-reader users what it is.
      containerAriaLabel="Notifications"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
        } as CSSProperties
      }
      {...props}
    />
  );
}

export type { ToasterProps } from "sonner";
