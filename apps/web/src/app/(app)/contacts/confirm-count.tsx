"use client";

import { Alert } from "@marketable/ui/alert";
import { FormField } from "@marketable/ui/form-field";
import { formatNumber } from "@marketable/ui/format";
import { Input } from "@marketable/ui/input";

interface Guard {
  count: number;
  message: string;
  wholePortal: boolean;
}

/** Digits only: "1,820", "1 820" and "1820" all read as 1820. */
const typed = (text: string) => Number(text.replace(/[\s,.']/g, "")) || -1;

/** Whether the person typed the guarded count (always true when nothing is guarded). */
export function countConfirmed(guard: Guard | null | undefined, text: string): boolean {
  return !guard || typed(text) === guard.count;
}

/**
 * A big change (the whole portal, or more than the agency's share of its marketing contacts) is
 * said in words and submitted only once its count is typed: a slip of Enter cannot queue it.
 */
export function ConfirmCountField({ guard, value, onChange }: { guard: Guard; value: string; onChange: (value: string) => void }) {
  const wrong = value.trim() !== "" && !countConfirmed(guard, value);
  return (
    <div className="space-y-2" data-testid="confirm-count" data-count={guard.count}>
      <Alert variant="warning" title="Check the count before you submit">
        {guard.message}.
      </Alert>
      <FormField
        label={`Type ${formatNumber(guard.count)} to confirm`}
        description="The number of contacts this request changes."
        error={wrong ? [`Type ${formatNumber(guard.count)}, the number of contacts that change`] : undefined}
        required
      >
        <Input inputMode="numeric" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
      </FormField>
    </div>
  );
}
