import { describe, expect, it } from "vitest";
import * as ui from "./index";

describe("package entry", () => {
  it("exports every component as a function (catches a broken re-export)", () => {
    const names = ["Button", "DataTable", "FormField", "LineChart", "Toaster", "ThemeToggle", "Sidebar", "RelativeDate"] as const;
    for (const name of names) expect(typeof ui[name]).toBe("function");
    expect(typeof ui.toast).toBe("function");
  });
});
