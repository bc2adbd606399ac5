import { handlers } from "~/server/auth";
import { routeHandler } from "~/server/route-handler";

export const GET = routeHandler("auth", (request) => handlers.GET(request));
export const POST = routeHandler("auth", (request) => handlers.POST(request));
