import { Slot } from "@radix-ui/react-slot";
import { useId, type ReactElement, type ReactNode } from "react";

import { cn } from "./cn";
import { Label } from "./label";

/** Props FormField puts on its control so label, description and error are linked to it. */
export type FormControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

export type FormFieldProps = {
  label: ReactNode;
  description?: ReactNode;
  /** Validation message(s), e.g. zod's `flatten().fieldErrors.email`; empty or null means valid. */
  error?: string | readonly string[] | null;
  required?: boolean;
  /** Fixed id for the control; generated otherwise. */
  id?: string;
  className?: string;
  /**
   * The control. An element gets the props merged in (`<Input name="email" />`); a function gets
   * them to place itself, for composites such as Select whose focusable part is nested.
   */
  children: ReactElement | ((control: FormControlProps) => ReactNode);
};

export function formErrorText(error: FormFieldProps["error"]): string | null {
  if (error == null) return null;
  // The first message only: two run together ("Enter a whole number Enter at most 10,000,000")
  // read as one sentence; fixing the first shows the next.
  const text = typeof error === "string" ? error : (error.find(Boolean) ?? "");
  return text.trim() === "" ? null : text;
}

/**
 * Label + control + description + error. The error is announced with the field
 * (aria-describedby) and marks it aria-invalid, so screen readers read "Email, invalid entry,
 * Enter a valid email" on focus.
 */
export function FormField({ label, description, error, required, id, className, children }: FormFieldProps) {
  const generated = useId();
  const controlId = id ?? `${generated}-control`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const errorText = formErrorText(error);
  const describedBy = [description ? descriptionId : null, errorText ? errorId : null].filter(Boolean).join(" ");
  const control: FormControlProps = {
    id: controlId,
    "aria-describedby": describedBy || undefined,
    "aria-invalid": errorText ? true : undefined,
    "aria-required": required ? true : undefined,
  };
  return (
    <div data-slot="form-field" className={cn("flex flex-col gap-2", className)}>
      <Label htmlFor={controlId} className={cn(errorText && "text-destructive")}>
        {label}
        {required ? (
          <span aria-hidden className="text-destructive">
            {" *"}
          </span>
        ) : null}
      </Label>
      {typeof children === "function" ? children(control) : <Slot {...control}>{children}</Slot>}
      {description ? (
        <p id={descriptionId} className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      {errorText ? (
        <p id={errorId} data-slot="form-error" className="text-sm font-medium text-destructive">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}
