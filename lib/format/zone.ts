/**
 * The shop's time zone: every time Printernizer shows is Berlin wall-clock time, whatever
 * the browser's or server's zone, and every "which day, month or business hour is this"
 * question is answered in it.
 */
export const SHOP_TIME_ZONE = "Europe/Berlin";
