import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cameraFrames, frameHeight, frameWidth } from "./camera-frames";
import { encodeJpeg } from "./jpeg-encoder";

describe("JPEG encoder", () => {
  it("produces baseline JPEGs a real decoder reads, with the right colours", async () => {
    const width = 37;
    const height = 21;
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) rgb.set(i % width < 18 ? [200, 30, 40] : [20, 180, 220], i * 3);
    const jpeg = encodeJpeg(width, height, rgb);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([width, height, 3]);
    const pixel = (x: number, y: number) => [...data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3)];
    for (const [x, expected] of [
      [4, [200, 30, 40]],
      [32, [20, 180, 220]],
    ] as const) {
      pixel(x, 10).forEach((value, c) => expect(Math.abs(value - expected[c])).toBeLessThan(12));
    }
  });

  it("camera frames decode and differ between light on and off", async () => {
    const lit = cameraFrames(true)[0];
    const dark = cameraFrames(false)[0];
    const litMeta = await sharp(lit).metadata();
    expect([litMeta.format, litMeta.width, litMeta.height]).toEqual(["jpeg", frameWidth, frameHeight]);
    const mean = async (jpeg: Buffer) => (await sharp(jpeg).stats()).channels[0].mean;
    expect(await mean(lit)).toBeGreaterThan((await mean(dark)) * 1.8);
  });
});
