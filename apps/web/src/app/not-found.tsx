import Link from "next/link";

import { Button } from "@marketable/ui/button";
import { EmptyState } from "@marketable/ui/empty-state";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-6">
      <EmptyState
        title="Not found"
        description="This page does not exist, or you do not have access to it."
        action={
          <Button asChild variant="outline">
            <Link href="/">Back to the overview</Link>
          </Button>
        }
      />
    </main>
  );
}
