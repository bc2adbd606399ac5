import { EmptyState } from "@marketable/ui/empty-state";

/** Shown in place of a page the person's role does not include. */
export function Forbidden({ what }: { what: string }) {
  return (
    <EmptyState
      title="You do not have access to this page"
      description={`Your role does not include ${what}. Ask an owner or admin of your agency if you need it.`}
    />
  );
}
