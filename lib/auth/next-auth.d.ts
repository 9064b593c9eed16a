import "next-auth";

declare module "next-auth" {
  /** What authorize() returns: the session version goes into the JWT. */
  interface User {
    sv?: number;
  }
}
