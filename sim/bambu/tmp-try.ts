import { writeFileSync } from "node:fs";
import { cameraFrames } from "./camera-frames";
const t = Date.now();
const f = cameraFrames(true);
console.log("ms", Date.now() - t, f.map((b) => b.length));
writeFileSync("/tmp/frame0.jpg", f[0]); writeFileSync("/tmp/frame2.jpg", f[2]);
writeFileSync("/tmp/frame-dark.jpg", cameraFrames(false)[1]);
