import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { FormField } from "./form-field";
import { Input } from "./input";

describe("FormField", () => {
  it("labels the control and links description and error via aria-describedby", () => {
    render(
      <FormField label="Email" description="We send the invoice here." error={["Enter a valid email"]}>
        <Input name="email" />
      </FormField>,
    );
    const input = screen.getByLabelText("Email");
    expect(input.getAttribute("name")).toBe("email");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const ids = (input.getAttribute("aria-describedby") ?? "").split(" ");
    expect(ids).toHaveLength(2);
    const texts = ids.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(["We send the invoice here.", "Enter a valid email"]);
  });

  it("is valid and undescribed without an error or description", () => {
    render(
      <FormField label="Name" error={null}>
        <Input />
      </FormField>,
    );
    const input = screen.getByLabelText("Name");
    expect(input.hasAttribute("aria-invalid")).toBe(false);
    expect(input.hasAttribute("aria-describedby")).toBe(false);
  });

  it("passes the control props to a render function", () => {
    render(
      <FormField label="Tier" error="Pick a tier" required>
        {(control) => <input {...control} data-testid="custom" />}
      </FormField>,
    );
    const input = screen.getByTestId("custom");
    expect(screen.getByLabelText(/Tier/)).toBe(input);
    expect(input.getAttribute("aria-required")).toBe("true");
    const errorId = input.getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(errorId)?.textContent).toBe("Pick a tier");
  });

  it("shows the first of several messages, not two run together", () => {
    render(
      <FormField label="Cost" error={["", "Enter a whole number", "Enter at most 10,000,000"]}>
        <Input />
      </FormField>,
    );
    const errorId = screen.getByLabelText("Cost").getAttribute("aria-describedby") ?? "";
    expect(document.getElementById(errorId)?.textContent).toBe("Enter a whole number");
  });
});
