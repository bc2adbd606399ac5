import { EventEmitter } from "node:events";

import { describe, expect, it, vi } from "vitest";

import { installShutdownHandlers } from "../src";
import { deferred, sleep } from "./helpers";

describe("installShutdownHandlers", () => {
  it("stops once on SIGTERM and exits 0; a second signal exits 1 at once", async () => {
    const target = new EventEmitter();
    const exit = vi.fn();
    const gate = deferred();
    const stop = vi.fn(() => gate.promise);
    const uninstall = installShutdownHandlers(stop, { target, exit });
    target.emit("SIGTERM", "SIGTERM");
    target.emit("SIGINT", "SIGINT");
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(1);
    gate.resolve();
    await sleep(0);
    expect(exit).toHaveBeenLastCalledWith(0);
    uninstall();
    expect(target.listenerCount("SIGTERM")).toBe(0);
  });

  it("exits 1 when stopping fails", async () => {
    const target = new EventEmitter();
    const exit = vi.fn();
    installShutdownHandlers(() => Promise.reject(new Error("db gone")), { target, exit });
    target.emit("SIGINT", "SIGINT");
    await sleep(0);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
