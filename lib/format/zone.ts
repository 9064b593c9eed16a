/** Every time Printernizer shows is Berlin wall-clock time, whatever the browser's or server's zone. */
export const DISPLAY_TIME_ZONE = "Europe/Berlin";
