/**
 * Runs once when a server process starts. In the embedded default (PGlite, one process) it
 * migrates the database and seeds the demo, so `npm start` needs nothing else. With
 * PostgreSQL, migrations are a release step (`pnpm db:migrate`), not every web process's job.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV === "production") (await import("./server/accessLog")).installAccessLog();
  const { bootEmbedded } = await import("./server/boot");
  await bootEmbedded();
}
