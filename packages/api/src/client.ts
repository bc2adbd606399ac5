/** What browser code may import from the API package: types only, nothing of the server. */
export type { AppRouter } from "./root";
