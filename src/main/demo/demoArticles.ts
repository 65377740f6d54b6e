import { deflateSync } from 'node:zlib';
import type { Services } from '../services.js';
import type { AccountRow } from '../../modules/accounts/index.js';
import { addMaterial } from '../../modules/media/index.js';
import { createDraft } from '../../modules/articles/index.js';
import { submitPublish } from '../../modules/articles/index.js';

/**
 * Demo content for the first start, in Chinese: a published welcome article on the subscription
 * account (a public page at /s/<id>, in the console's 发表记录) and a draft ready to push on each
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
        title: '欢迎关注莲花日报',
        author: '莲花日报编辑部',
        digest: '这个公众号是什么，以及你可以用它试些什么。',
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
      { title: '早间摘要', author: '莲花日报编辑部', digest: '三则值得配一杯咖啡读完的消息。', thumb_media_id: dailyCover.id, content: '<p>编辑这篇草稿，然后在<strong>群发</strong>里发送：订阅号每天可群发一次，消息静默进入关注者的订阅号消息。</p>' },
      { title: '往期回顾', author: '莲花日报编辑部', thumb_media_id: dailyCover.id, content: '<p>一次群发最多包含八篇文章，第一篇带封面领衔。</p>' },
    ],
  });

  const coffeeCover = await addMaterial(services, { account: accounts.service, kind: 'image', file: { bytes: coverPng([121, 85, 72], [255, 167, 38]), filename: 'autumn-cover.png' } });
  await createDraft(services, {
    accountId: accounts.service.id,
    forConsole: true,
    articles: [
      {
        title: '秋季菜单上新',
        author: '莲花咖啡',
        digest: '本周烘焙的三款单一产地咖啡豆。',
        thumb_media_id: coffeeCover.id,
        need_open_comment: 1,
        only_fans_can_comment: 1,
        content: '<h2>本周新品</h2><p>来自云南、埃塞俄比亚和哥伦比亚的三款单一产地咖啡。</p><blockquote>服务号每月可群发四次，每次都带通知送达关注者的聊天列表。</blockquote>',
      },
    ],
  });
}

/**
 * The English demo organization's content: a published welcome article and a draft ready to push
 * on its subscription account.
 */
export async function seedEnglishDemoArticles(services: Services, account: Pick<AccountRow, 'id'>): Promise<void> {
  const cover = await addMaterial(services, { account, kind: 'image', file: { bytes: coverPng([46, 125, 50], [129, 199, 132]), filename: 'welcome-cover.png' } });
  const welcome = await createDraft(services, {
    accountId: account.id,
    forConsole: true,
    articles: [
      {
        title: 'Welcome to Herald Daily',
        author: 'Herald Daily',
        digest: 'What this account is, and what you can try with it.',
        thumb_media_id: cover.id,
        need_open_comment: 1,
        original: true,
        content: WELCOME_HTML_EN,
      },
    ],
  });
  await submitPublish(services, { accountId: account.id, mediaId: welcome.group.id });
  await createDraft(services, {
    accountId: account.id,
    forConsole: true,
    articles: [
      { title: 'Morning digest', author: 'Herald Daily', digest: 'Three stories worth your coffee.', thumb_media_id: cover.id, content: '<p>Edit this draft, then push it from <strong>Push posts</strong>: subscription accounts send one push post a day, delivered silently into followers’ Subscriptions folder.</p>' },
    ],
  });
}

const WELCOME_HTML = `
<p>莲花日报是一个演示用的<strong>订阅号</strong>。这篇文章通过 <code>freepublish/submit</code>
发表：它是任何人都能打开的公开页面，没有占用当天的群发次数。</p>
<h2>可以试试</h2>
<ul>
<li>在控制台打开<em>草稿箱</em>，编辑草稿“早间摘要”，然后在<em>群发</em>里发送。</li>
<li>以关注者身份打开手机 <code>/phone</code>：群发消息进入订阅号消息，不带通知。</li>
<li>点赞、点“在看”、写留言，或者分享到聊天。</li>
</ul>
<blockquote>服务号的群发消息则带通知进入聊天列表。</blockquote>`;

const WELCOME_HTML_EN = `
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
