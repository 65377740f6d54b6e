import { deflateSync } from 'node:zlib';
import type { Services } from '../services.js';
import type { AccountRow } from '../../modules/accounts/index.js';
import { addMaterial } from '../../modules/media/index.js';
import { createDraft } from '../../modules/articles/index.js';
import { submitPublish } from '../../modules/articles/index.js';

/**
 * Demo content for the first start: a published welcome article on the subscription account
 * (a public page at /s/<id>, in the console's Published list) and a draft ready to push on each
 * account. Nothing is pushed, so both accounts start with their whole push quota.
 */
export async function seedDemoArticles(
  services: Services,
  accounts: { subscription: Pick<AccountRow, 'id'>; service: Pick<AccountRow, 'id'> },
): Promise<void> {
  const dailyCover = await addMaterial(services, { account: accounts.subscription, kind: 'image', file: { bytes: coverPng([30, 136, 229], [0, 188, 212]), filename: 'welcome-cover.png' } });
  const welcome = await createDraft(services, {
    accountId: accounts.subscription.id,
    forConsole: true,
    articles: [
      {
        title: 'Welcome to Herald Daily',
        author: 'Herald Daily',
        digest: 'What this account is, and what you can try with it.',
        thumb_media_id: dailyCover.id,
        need_open_comment: 1,
        original: true,
        content: WELCOME_HTML,
      },
    ],
  });
  await submitPublish(services, { accountId: accounts.subscription.id, mediaId: welcome.group.id });

  await createDraft(services, {
    accountId: accounts.subscription.id,
    forConsole: true,
    articles: [
      { title: 'Morning digest', author: 'Herald Daily', digest: 'Three stories worth your coffee.', thumb_media_id: dailyCover.id, content: '<p>Edit this draft, then push it from <strong>Push posts</strong>: subscription accounts send one push post a day, delivered silently into followers’ Subscriptions folder.</p>' },
      { title: 'From the archive', author: 'Herald Daily', thumb_media_id: dailyCover.id, content: '<p>A push post carries up to eight articles; the first one leads with its cover.</p>' },
    ],
  });

  const coffeeCover = await addMaterial(services, { account: accounts.service, kind: 'image', file: { bytes: coverPng([121, 85, 72], [255, 167, 38]), filename: 'autumn-cover.png' } });
  await createDraft(services, {
    accountId: accounts.service.id,
    forConsole: true,
    articles: [
      {
        title: 'The autumn menu is here',
        author: 'Herald Coffee',
        digest: 'Three new single origins, roasted this week.',
        thumb_media_id: coffeeCover.id,
        need_open_comment: 1,
        only_fans_can_comment: 1,
        content: '<h2>New this week</h2><p>Three single origins from Yunnan, Ethiopia and Colombia.</p><blockquote>Service accounts send four push posts a month; each arrives in followers’ chats with a notification.</blockquote>',
      },
    ],
  });
}

const WELCOME_HTML = `
<p>Herald Daily is a demo <strong>subscription account</strong>. This article was published with
<code>freepublish/submit</code>: it is a public page anyone can open, and it did not use the day’s
push quota.</p>
<h2>Things to try</h2>
<ul>
<li>In the console, open <em>Drafts</em> and edit the draft “Morning digest”, then push it from <em>Push posts</em>.</li>
<li>Open the phone at <code>/phone</code> as a follower: the post lands in the Subscriptions folder, without a notification.</li>
<li>Like it, tap “Wow”, leave a comment or share it to a chat.</li>
</ul>
<blockquote>A service account’s push post arrives in Chats with a notification instead.</blockquote>`;

/** A 900×383 (2.35:1) cover: a diagonal gradient between two colours, as PNG. */
function coverPng(from: [number, number, number], to: [number, number, number]): Buffer {
  const width = 900;
  const height = 383;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2;
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = Math.round(from[c] + (to[c] - from[c]) * t);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
