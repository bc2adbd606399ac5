import { describe, expect, it } from "vitest";

import { postToTarget } from "../src/services/alerts/postToTarget";
import {
  isPublicAddress,
  PRIVATE_WEBHOOK_MESSAGE,
  refusedWebhookUrlMessage,
  resolveWebhookTarget,
  WebhookTargetRefused,
  type Resolver,
} from "../src/services/alerts/webhookTarget";
import { startAlertReceiver } from "./alertReceiver";

const publicOnly = { allowPrivate: false };
const allowPrivate = { allowPrivate: true };

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", "public IPv4"],
    ["1.1.1.1", "public IPv4"],
    ["93.184.215.14", "public IPv4"],
    ["172.32.0.1", "just above 172.16/12"],
    ["100.128.0.1", "just above CGNAT 100.64/10"],
    ["11.0.0.1", "just above 10/8"],
    ["2606:4700:4700::1111", "public IPv6"],
    ["2a00:1450:4001:81c::200e", "public IPv6"],
    ["::ffff:8.8.8.8", "IPv4-mapped public IPv4"],
  ])("allows %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ["10.0.0.1", "10/8"],
    ["10.255.255.255", "10/8"],
    ["172.16.0.1", "172.16/12"],
    ["172.31.255.254", "172.16/12"],
    ["192.168.1.1", "192.168/16"],
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback 127/8"],
    ["169.254.169.254", "link-local: cloud metadata"],
    ["169.254.0.1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "this network 0/8"],
    ["100.64.0.1", "CGNAT 100.64/10"],
    ["100.127.255.254", "CGNAT 100.64/10"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved 240/4"],
    ["192.0.2.10", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["::1", "IPv6 loopback"],
    ["::", "IPv6 unspecified"],
    ["fc00::1", "unique-local fc00::/7"],
    ["fd12:3456:789a::1", "unique-local fc00::/7"],
    ["fe80::1", "link-local fe80::/10"],
    ["fe80::1%eth0", "link-local with a zone"],
    ["febf::1", "link-local fe80::/10"],
    ["ff02::1", "IPv6 multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback, hex form"],
    ["::ffff:10.0.0.1", "IPv4-mapped 10/8"],
    ["::ffff:169.254.169.254", "IPv4-mapped cloud metadata"],
    ["::ffff:192.168.0.1", "IPv4-mapped 192.168/16"],
    ["::127.0.0.1", "IPv4-compatible (deprecated)"],
    // ipaddr.js calls these "unicast": refused by the 2000::/3 (global unicast) rule.
    ["::7f00:1", "IPv4-compatible 127.0.0.1, hex form"],
    ["::a00:1", "IPv4-compatible 10.0.0.1, hex form"],
    ["4000::1", "unassigned IPv6"],
    ["64:ff9b::a00:1", "NAT64 to 10.0.0.1"],
    ["2002:a00:1::1", "6to4 of 10.0.0.1"],
    ["2001::1", "Teredo"],
    ["2001:db8::1", "documentation"],
    ["fec0::1", "deprecated site-local"],
    ["not an address", "not an address"],
    ["", "empty"],
  ])("refuses %s (%s)", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe("resolveWebhookTarget", () => {
  it("refuses hosts and literals that are on this machine or a private network, with the message the owner sees", async () => {
    // `localhost` goes through the system resolver (127.0.0.1 here); the literals resolve to themselves.
    for (const url of [
      "http://localhost:8080/hook",
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://169.254.169.254/latest/meta-data/",
      "https://10.1.2.3/hook",
      "https://0.0.0.0/hook",
      // The URL parser normalises these to 127.0.0.1: the check sees what the socket would.
      "https://0x7f.1/hook",
      "https://2130706433/hook",
    ]) {
      await expect(resolveWebhookTarget(url, publicOnly), url).rejects.toThrow(WebhookTargetRefused);
      expect(await refusedWebhookUrlMessage(url, publicOnly), url).toBe(PRIVATE_WEBHOOK_MESSAGE);
    }
  });

  it("refuses a host when any one of its addresses is private, and never names the address", async () => {
    const resolver: Resolver = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
    const refusal = await resolveWebhookTarget("https://hooks.example.test/x", publicOnly, resolver).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(WebhookTargetRefused);
    expect((refusal as Error).message).toBe(PRIVATE_WEBHOOK_MESSAGE);
    expect((refusal as Error).message).not.toContain("10.0.0.5");
  });

  it("returns every address of a public host, and any address with the opt-in", async () => {
    const resolver: Resolver = async () => [
      { address: "2606:4700:4700::1111", family: 6 },
      { address: "1.1.1.1", family: 4 },
    ];
    expect(await resolveWebhookTarget("https://hooks.example.test/x", publicOnly, resolver)).toEqual([
      { address: "2606:4700:4700::1111", family: 6 },
      { address: "1.1.1.1", family: 4 },
    ]);
    expect(await resolveWebhookTarget("http://localhost:8080/x", allowPrivate)).toContainEqual({ address: "127.0.0.1", family: 4 });
    expect(await refusedWebhookUrlMessage("http://127.0.0.1:8080/x", allowPrivate)).toBeNull();
  });

  it("at save time, a host that does not resolve (yet) is not refused; the delivery will check again", async () => {
    expect(await refusedWebhookUrlMessage("https://hooks.example.test/marketable", publicOnly)).toBeNull();
    await expect(resolveWebhookTarget("https://hooks.example.test/marketable", publicOnly)).rejects.toThrow(/ENOTFOUND|EAI_AGAIN/);
  });
});

describe("postToTarget", () => {
  it("connects to the vetted address, not to what DNS says for the name (no rebinding)", async () => {
    const receiver = await startAlertReceiver();
    try {
      const port = new URL(receiver.url).port;
      // `.invalid` never resolves: reaching the receiver proves the socket used the pinned address.
      const status = await postToTarget(`http://rebind.invalid:${port}/hooks/marketable`, [{ address: "127.0.0.1", family: 4 }], {
        headers: { "content-type": "application/json" },
        body: '{"ok":true}',
        timeoutMs: 5_000,
      });
      expect(status).toBe(200);
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0]!.headers.host).toBe(`rebind.invalid:${port}`);
      expect(receiver.received[0]!.rawBody).toBe('{"ok":true}');
    } finally {
      await receiver.close();
    }
  });

  it("does not follow a redirect: the 3xx is the answer", async () => {
    const receiver = await startAlertReceiver([302]);
    try {
      const status = await postToTarget(receiver.url, [{ address: "127.0.0.1", family: 4 }], { headers: {}, body: "{}", timeoutMs: 5_000 });
      expect(status).toBe(302);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
