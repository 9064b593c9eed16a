import { getRequestConfig } from "next-intl/server";
import { hasLocale } from "next-intl";
import { routing } from "./routing";
import { loadMessages } from "./messages";

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await loadMessages(locale),
    // Times are stored in UTC and always shown in Berlin time, whatever the server's zone.
    timeZone: "Europe/Berlin",
    formats: {
      dateTime: {
        short: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" },
        time: { hour: "2-digit", minute: "2-digit" },
        timeSeconds: { hour: "2-digit", minute: "2-digit", second: "2-digit" },
      },
    },
  };
});
