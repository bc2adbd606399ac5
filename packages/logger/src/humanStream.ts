import type { DestinationStream } from "pino";

const LEVEL_WIDTH = 5;

/**
 * Development output: one readable line per event (`12:00:01.234 INFO  worker started kind=postgres`)
 * instead of JSON. Production keeps JSON lines, which log collectors parse (index.ts decides).
 */
export function humanStream(out: NodeJS.WritableStream = process.stdout): DestinationStream {
  return {
    write(line: string) {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { time, level, msg, service: _service, err, ...fields } = event;
      const clock = typeof time === "string" ? time.slice(11, 23) : "";
      const rest = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
      const error = err && typeof err === "object" && "stack" in err ? `\n${String(err.stack)}` : "";
      out.write(
        `${clock} ${String(level).toUpperCase().padEnd(LEVEL_WIDTH)} ${typeof msg === "string" ? msg : ""}${rest.length > 0 ? ` ${rest.join(" ")}` : ""}${error}\n`,
      );
    },
  };
}
