/**
 * Runs once when a server process starts, under `next start` and `next dev` alike. It checks the
 * settings and the database first and ends the process with one line naming what is missing or
 * wrong (Next is already listening by now: a process that answered 500 to every page would look
 * healthy to a supervisor). In the embedded default (PGlite, one process) it then migrates the
 * database and seeds the demo, so `npm start` needs nothing else. With PostgreSQL, migrations
 * are a release step (`pnpm db:migrate`), not every web process's job.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV === "production") (await import("./server/accessLog")).installAccessLog();
  const { checkWebStartup } = await import("./server/startupCheck");
  await checkWebStartup();
  (await import("./server/clusterReady")).reportReady();
  const { installGracefulShutdown } = await import("./server/shutdown");
  installGracefulShutdown();
  const { bootEmbedded } = await import("./server/boot");
  await bootEmbedded();
}
