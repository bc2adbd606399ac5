import { Alert } from "./alert";

/**
 * A value the server returns once and never again (a signing secret, an invite link): shown in a
 * success callout, breakable so long values wrap, with a test id to read it by.
 */
export function ShownOnce({ title, value, testId }: { title: string; value: string; testId: string }) {
  return (
    <Alert variant="success" title={title}>
      <code className="break-all" data-testid={testId}>
        {value}
      </code>
    </Alert>
  );
}
