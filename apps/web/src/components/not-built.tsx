import { EmptyState } from "@marketable/ui/empty-state";
import { PageHeader } from "@marketable/ui/page-header";

/** A navigation destination that exists in the product plan but is not built yet: said plainly. */
export function NotBuiltYet({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title={`${title} is not built yet`} description={description} />
    </>
  );
}
