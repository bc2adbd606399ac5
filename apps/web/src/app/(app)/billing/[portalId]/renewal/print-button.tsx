"use client";

import { Button } from "@marketable/ui/button";

/** Opens the browser's print dialog; the page's print styles leave only the document. */
export function PrintButton() {
  return (
    <Button variant="outline" onClick={() => window.print()}>
      Print
    </Button>
  );
}
