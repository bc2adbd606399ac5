import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";

import { Alert } from "./alert";
import { AppShell } from "./app-shell";
import { EmptyState } from "./empty-state";
import { ErrorState } from "./error-state";
import { Sidebar, type SidebarLinkProps } from "./sidebar";
import { ThemeProvider, ThemeToggle } from "./theme";

describe("ErrorState", () => {
  it("is an alert named by its title, distinguishable from Next's route announcer", async () => {
    const user = userEvent.setup();
    const retry = vi.fn();
    render(
      <>
        {/* Stand-in for Next.js's hidden announcer. */}
        <div role="alert" />
        <ErrorState title="Could not load portals" message="HubSpot timed out." onRetry={retry} />
      </>,
    );
    const alert = screen.getByRole("alert", { name: "Could not load portals" });
    expect(alert).toBe(screen.getByTestId("error-state"));
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledOnce();
  });
});

describe("Alert", () => {
  it("uses role=alert only for destructive callouts", () => {
    render(
      <>
        <Alert title="Sync finished" variant="success" />
        <Alert title="Tier limit exceeded" variant="destructive">
          12,480 of 10,000 marketing contacts.
        </Alert>
      </>,
    );
    expect(screen.getByRole("status", { name: "Sync finished" })).toBeTruthy();
    const alert = screen.getByRole("alert", { name: "Tier limit exceeded" });
    expect(alert.getAttribute("data-testid")).toBe("alert-destructive");
  });
});

describe("EmptyState", () => {
  it("names its region by the title and shows the action", () => {
    render(<EmptyState title="No portals yet" description="Connect one to start." action={<button>Connect</button>} />);
    expect(screen.getByRole("region", { name: "No portals yet" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Connect" })).toBeTruthy();
  });
});

describe("Sidebar and AppShell", () => {
  const items = [
    { href: "/", label: "Home" },
    { href: "/portals", label: "Portals", active: true },
  ];

  it("marks the active link with aria-current and renders plain anchors by default", () => {
    render(<Sidebar items={items} />);
    const nav = screen.getByRole("navigation", { name: "Main" });
    const portals = screen.getByRole("link", { name: "Portals" });
    expect(nav.contains(portals)).toBe(true);
    expect(portals.getAttribute("aria-current")).toBe("page");
    expect(portals.getAttribute("href")).toBe("/portals");
    expect(screen.getByRole("link", { name: "Home" }).hasAttribute("aria-current")).toBe(false);
  });

  it("renders links through a supplied LinkComponent", () => {
    function FakeLink({ children, ...props }: SidebarLinkProps & { children: ReactNode }) {
      return (
        <a data-router-link="" {...props}>
          {children}
        </a>
      );
    }
    render(<Sidebar items={items} LinkComponent={FakeLink} />);
    expect(screen.getByRole("link", { name: "Home" }).hasAttribute("data-router-link")).toBe(true);
  });

  it("starts with a skip link to the main landmark", () => {
    render(
      <AppShell sidebar={<Sidebar items={items} />}>
        <p>Body</p>
      </AppShell>,
    );
    const links = screen.getAllByRole("link");
    expect(links[0]?.textContent).toBe("Skip to content");
    expect(links[0]?.getAttribute("href")).toBe(`#${screen.getByRole("main").id}`);
  });
});

describe("ThemeToggle", () => {
  it("has an accessible name and switches the html class between light and dark", async () => {
    const user = userEvent.setup();
    render(
      <ThemeProvider defaultTheme="light" enableSystem={false}>
        <ThemeToggle />
      </ThemeProvider>,
    );
    const toggle = screen.getByRole("button", { name: "Toggle dark theme" });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    await user.click(toggle);
    expect(document.documentElement.classList.contains("dark")).toBe(true);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
  });
});
