import { PageHeader } from "@marketable/ui/page-header";

/**
 * Shown in place of a page the person's role does not include: the page's one heading says so
 * (it had none: the refusal was an empty-state h3 under no h1).
 */
export function Forbidden({ what }: { what: string }) {
  return (
    <PageHeader
      title="You do not have access to this page"
      description={`Your role does not include ${what}. Ask an owner or admin of your agency if you need it.`}
    />
  );
}
