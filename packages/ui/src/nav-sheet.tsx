"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";

import { cn } from "./cn";
import { overlayClass } from "./dialog";
import { focusRing } from "./focus-ring";
import { NavSheetButton } from "./nav-sheet-button";

export type NavSheetProps = {
  /** The navigation shown in the sheet (usually the same <Sidebar> as on wide screens). */
  children: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The menu button's name and the sheet's title for screen readers. */
  label?: string;
  className?: string;
};

/**
 * Narrow screens' navigation: a menu button that opens the sidebar as a sheet from the left.
 * A Radix Dialog, so focus is trapped while open, Escape and the overlay close it, and focus
 * returns to the button. Controlled, so the caller closes it when the route changes.
 */
export function NavSheet({ children, open, onOpenChange, label = "Menu", className }: NavSheetProps) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Trigger asChild>
        <NavSheetButton label={label} className={className} />
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlayClass} />
        <DialogPrimitive.Content
          data-slot="nav-sheet"
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col bg-sidebar shadow-lg [&_[data-slot=sidebar]]:h-full [&_[data-slot=sidebar]]:w-full [&_[data-slot=sidebar]]:border-r-0"
        >
          <DialogPrimitive.Title className="sr-only">{label}</DialogPrimitive.Title>
          {children}
          <DialogPrimitive.Close
            className={cn("absolute right-3 top-3 rounded-sm p-1 opacity-70 hover:opacity-100", focusRing)}
            aria-label="Close menu"
          >
            <X className="size-5" aria-hidden />
          </DialogPrimitive.Close>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
