"use client";

import { useTheme } from "next-themes";
import type { CSSProperties } from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

/**
 * Mount once in the root layout (inside ThemeProvider) so toasts follow the light/dark theme.
 * Results of long work arrive here; the app also keeps them in its history, since toasts vanish.
 */
export function Toaster(props: ToasterProps) {
  const { resolvedTheme } = useTheme();
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

export { toast } from "sonner";
export type { ToasterProps } from "sonner";
