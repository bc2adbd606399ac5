import { LoadingState } from "@marketable/ui/loading-state";

export default function RenewalPackLoading() {
  return <LoadingState label="Preparing the renewal pack…" />;
}
