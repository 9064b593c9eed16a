import { getRequestConfig } from "next-intl/server";
import { hasLocale } from "next-intl";
import { SHOP_TIME_ZONE } from "@/lib/format/zone";
import { routing } from "./routing";
import { loadMessages } from "./messages";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await loadMessages(locale),
    // Times are stored in UTC and always shown in Berlin time, whatever the server's zone.
    timeZone: SHOP_TIME_ZONE,
  };
});
