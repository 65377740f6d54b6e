/**
 * Helpers for the phone's browser tests: waiting on locators (playwright-core has no expect),
 * a generated picture to send, and a developer's passive text reply.
 */
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

/** Waits until the locator's first match is visible. */
export const seen = (l: Locator, timeout = 10_000) => l.first().waitFor({ state: 'visible', timeout });
/** Asserts nothing matches (after the page had a moment to settle). */
export const none = async (l: Locator) => {
  await new Promise((r) => setTimeout(r, 300));
  expect(await l.count()).toBe(0);
};
/** Waits until the locator's text contains (or, exactly, equals) `text`. */
export const hasText = (l: Locator, text: string, exact = false) =>
  expect.poll(async () => ((await l.count()) ? (await l.first().innerText()).trim() : ''), { timeout: 10_000 })[exact ? 'toBe' : 'toContain'](text);

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as { PNG: { new (o: { width: number; height: number }): { data: Buffer }; sync: { write(p: unknown): Buffer } } };

/** A picture to send: a green-to-teal gradient with a sun, as a PNG. */
export function picture(width = 360, height = 200): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const sun = (x - width * 0.75) ** 2 + (y - height * 0.35) ** 2 < (height * 0.16) ** 2;
      png.data[i] = sun ? 255 : 7 + Math.round((x / width) * 40);
      png.data[i + 1] = sun ? 214 : 120 + Math.round((y / height) * 73);
      png.data[i + 2] = sun ? 90 : 96 + Math.round((x / width) * 80);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A passive text reply in WeChat's XML. */
export const textReply = (to: string, from: string, content: string) =>
  `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;

