import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { businessProfileGet, businessProfileUpdate } from "@/lib/business/quotes/api-routes";
import { businessProfileView, updateBusinessProfile } from "@/lib/business/profile/profile";

export const GET = withApi(async () => businessProfileView(), businessProfileGet);

export const PATCH = withApi(async ({ user, body, ip }) => updateBusinessProfile(body, { actor: actorOf(user), actorId: user.id, ip }), businessProfileUpdate);
