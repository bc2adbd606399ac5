import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { Progress } from "./progress";

describe("Progress", () => {
  it("exposes value, max and its label to assistive tech", () => {
    render(<Progress label="Syncing contacts" value={4200} max={12000} detail="4,200 of 12,000" />);
    const bar = screen.getByRole("progressbar", { name: "Syncing contacts" });
    expect(bar.getAttribute("aria-valuenow")).toBe("4200");
    expect(bar.getAttribute("aria-valuemax")).toBe("12000");
    expect(bar.getAttribute("aria-valuemin")).toBe("0");
    expect(screen.getByText("4,200 of 12,000")).toBeTruthy();
  });

  it("clamps values past max instead of dropping aria-valuenow", () => {
    render(<Progress label="Import" value={150} max={100} />);
    expect(screen.getByRole("progressbar", { name: "Import" }).getAttribute("aria-valuenow")).toBe("100");
  });

  it("is indeterminate without a value", () => {
    render(<Progress label="Preparing" />);
    const bar = screen.getByRole("progressbar", { name: "Preparing" });
    expect(bar.hasAttribute("aria-valuenow")).toBe(false);
    expect(bar.getAttribute("data-state")).toBe("indeterminate");
  });
});
