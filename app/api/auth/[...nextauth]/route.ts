import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { withApi } from "@/lib/auth/with-api";
import { nextAuthGet, nextAuthPost } from "@/lib/auth/api-routes";
import { getAuthOptions } from "@/lib/auth/options";

/** next-auth's own endpoints, behind withApi for the request id, origin check and error shape. */
async function nextAuth({ req }: { req: NextRequest }): Promise<Response> {
  const nextauth = req.nextUrl.pathname.replace(/^\/api\/auth\/?/, "").split("/").filter(Boolean);
  const response: Response = await NextAuth(req, { params: { nextauth } }, getAuthOptions(req));
  return response;
}

export const GET = withApi(nextAuth, nextAuthGet);
export const POST = withApi(nextAuth, nextAuthPost);
