"use client";

import { Moon, Sun } from "lucide-react";
import { ThemeProvider as NextThemesProvider, useTheme, type ThemeProviderProps } from "next-themes";
import { useSyncExternalStore } from "react";

import { Button, type ButtonProps } from "./button";

/**
 * Light/dark theme via a `dark` class on <html> (what styles.css's dark variant expects).
 * Put `suppressHydrationWarning` on <html>: next-themes sets the class before React hydrates.
 */
export function ThemeProvider({ children, ...props }: ThemeProviderProps) {
  return (
    <NextThemesProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange {...props}>
      {children}
    </NextThemesProvider>
  );
}

export { useTheme };

const noSubscribe = () => () => undefined;

/**
 * Switches between light and dark. The label is fixed ("Toggle dark theme") and the state is
 * exposed as aria-pressed only after hydration: the server cannot know the stored theme, and a
 * differing attribute would be a hydration mismatch. Icons swap by CSS for the same reason.
 */
export function ThemeToggle({ label = "Toggle dark theme", ...props }: Omit<ButtonProps, "onClick"> & { label?: string }) {
  const { resolvedTheme, setTheme } = useTheme();
  const hydrated = useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
  const isDark = resolvedTheme === "dark";
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={label}
      aria-pressed={hydrated && resolvedTheme !== undefined ? isDark : undefined}
      onClick={() => setTheme(isDark ? "light" : "dark")}
      {...props}
    >
      <Sun className="dark:hidden" aria-hidden />
      <Moon className="hidden dark:block" aria-hidden />
    </Button>
  );
}
