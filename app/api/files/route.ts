import { actorOf } from "@/lib/auth/actor";
import { audit } from "@/lib/audit/audit";
import { withApi } from "@/lib/auth/with-api";
import { filesLibraryUpload, filesList } from "@/lib/files/api-routes";
import { uploadLimits } from "@/lib/files/config";
import { listFiles } from "@/lib/files/list";
import { filesConfig } from "@/lib/files/settings";
import { acceptUpload } from "@/lib/files/upload";

export const GET = withApi(async ({ query }) => listFiles(query), filesList);

export const POST = withApi(async ({ req, user, ip }) => {
  const declared = req.headers.get("content-length");
  const stored = await acceptUpload(
    { body: req.body, contentType: req.headers.get("content-type"), contentLength: declared === null ? null : Number(declared), signal: req.signal },
    filesConfig().root,
    uploadLimits(),
  );
  for (const file of stored) {
    await audit({ actor: actorOf(user), action: "files.uploaded", target: file.view.id, details: { name: file.view.name, size: file.size, sha256: file.sha256 }, ip });
  }
  return { files: stored.map((file) => file.view) };
}, filesLibraryUpload);
