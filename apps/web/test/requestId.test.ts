import { isWellFormedRequestId, requestIdFrom } from "~/lib/request-id";
import { describe, expect, it } from "vitest";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it.each(["3f1c2a9e-6b4d-4f7a-9c1e-2d3b4a5c6d7e", "0123456789abcdef0123456789abcdef", "lb_Req-42", "a".repeat(64)])(
    "keeps a well-formed id: %s",
    (id) => {
      expect(requestIdFrom(new Headers({ "x-request-id": id }))).toBe(id);
    },
  );

  it.each([
    ["10,000 characters", "a".repeat(10_000)],
    ["65 characters", "a".repeat(65)],
    ["a space", "abc def"],
    ["a quote and SQL", "x'; drop table audit_log; --"],
    ["markup", "<script>alert(1)</script>"],
    ["a JSON fragment", '","level":"fatal'],
    ["non-ASCII", "ïd-ünïcode"],
    ["empty", ""],
  ])("replaces %s with a fresh UUID", (_what, sent) => {
    const id = requestIdFrom(new Headers({ "x-request-id": sent }));
    expect(id).toMatch(UUID);
    expect(id).not.toBe(sent);
  });

  it("replaces newlines (which no Headers object accepts, so tested on the rule itself)", () => {
    expect(isWellFormedRequestId("abc\ndef")).toBe(false);
    expect(isWellFormedRequestId("abc\r\nx-injected: 1")).toBe(false);
    expect(isWellFormedRequestId("abc\u0000")).toBe(false);
  });

  it("makes a new UUID per request when none is sent", () => {
    const a = requestIdFrom(new Headers());
    const b = requestIdFrom(new Headers());
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });
});
