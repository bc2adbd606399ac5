import { Menu } from "lucide-react";
import type { ComponentProps } from "react";

import { Button } from "./button";
import { cn } from "./cn";

/**
 * The narrow screens' menu button, without the sheet: a page can show it at once and load the
 * sheet (a Radix Dialog) on the first press. NavSheet uses the same button as its trigger.
 */
export function NavSheetButton({ label = "Menu", className, ...props }: { label?: string } & ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" size="icon" aria-label={label} className={cn("md:hidden", className)} {...props}>
      <Menu aria-hidden />
    </Button>
  );
}
