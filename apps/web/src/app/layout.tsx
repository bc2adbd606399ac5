import { TRPCReactProvider } from "~/trpc/react";
import type { Metadata } from "next";

import { ThemeProvider } from "@marketable/ui/theme";
import { Toaster } from "@marketable/ui/toaster";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marketable", template: "%s · Marketable" },
  description: "Marketing contacts, permissions and billing across every client's HubSpot portal.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-background text-foreground antialiased">
        <ThemeProvider>
          <TRPCReactProvider>{children}</TRPCReactProvider>
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
