import { ForbiddenPage } from "@/components/auth/forbidden-page";

export default function Forbidden() {
  return <ForbiddenPage />;
}
