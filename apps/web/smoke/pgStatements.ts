import net from "node:net";

/**
 * A TCP relay between a server and PostgreSQL that reads every SQL statement the server sends,
 * off the wire: PostgreSQL's protocol frames each message from the client as a type byte, a
 * 32-bit length and the body, and a statement travels either as a simple Query ('Q': the text)
 * or as an extended-protocol Parse ('P': a statement name, then the text). Only the first
 * message of a connection (the start-up, no type byte) is skipped; everything is relayed as is.
 * Seeing statements here needs nothing of the server (no hook, no log level) and counts what the
 * database really receives.
 */
export async function pgStatementRelay(target: { host: string; port: number }) {
  const statements: { at: number; text: string }[] = [];
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let started = false;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 4) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          // An SSL or GSS request (code 80877103/80877104) is answered before the real start-up.
          const code = pending.readInt32BE(4);
          started = code !== 80877103 && code !== 80877104;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const type = String.fromCharCode(pending[0]!);
        const body = pending.subarray(5, 1 + length);
        if (type === "Q") statements.push({ at: performance.now(), text: body.toString("utf8", 0, body.indexOf(0)) });
        if (type === "P") {
          const textStart = body.indexOf(0) + 1;
          statements.push({ at: performance.now(), text: body.toString("utf8", textStart, body.indexOf(0, textStart)) });
        }
        pending = pending.subarray(1 + length);
      }
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return {
    port: (relay.address() as net.AddressInfo).port,
    /** The statements received since `since` (performance.now()), in order. */
    since: (since: number) => statements.filter((s) => s.at >= since).map((s) => s.text),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}
