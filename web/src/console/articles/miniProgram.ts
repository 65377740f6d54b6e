import { Node, mergeAttributes } from '@tiptap/core';
import Link from '@tiptap/extension-link';
import { t } from '../../i18n/index.js';

/** Attributes of a mini-program embed, as the article HTML carries them. */
export interface MiniProgramAttrs {
  appid: string;
  path: string;
  title: string;
}

const attr = (name: string) => ({
  default: '',
  parseHTML: (el: HTMLElement) => el.getAttribute(name) ?? '',
  renderHTML: (attrs: Record<string, unknown>) => ({ [name]: String(attrs[name.replace('data-miniprogram-', '')] ?? '') }),
});

/**
 * A mini-program card: `<mp-miniprogram data-miniprogram-appid data-miniprogram-path
 * data-miniprogram-title>`, the element WeChat's editor writes and Herald's sanitizer keeps.
 * In the editor it shows as a card that can be selected and deleted as one block.
 */
export const MiniProgramCard = Node.create({
  name: 'miniProgramCard',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      appid: attr('data-miniprogram-appid'),
      path: attr('data-miniprogram-path'),
      title: attr('data-miniprogram-title'),
    };
  },
  parseHTML() {
    return [{ tag: 'mp-miniprogram' }, { tag: 'mp-common-miniprogram' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['mp-miniprogram', mergeAttributes(HTMLAttributes)];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'mp-card';
      dom.setAttribute('contenteditable', 'false');
      const head = document.createElement('div');
      head.className = 'mp-card-head';
      head.textContent = `◎ ${t('articles.miniProgram')}`;
      const title = document.createElement('div');
      title.className = 'mp-card-title';
      title.textContent = String(node.attrs.title || t('articles.miniProgram'));
      const foot = document.createElement('div');
      foot.className = 'mp-card-foot';
      foot.textContent = `${node.attrs.appid} · ${node.attrs.path || '/'}`;
      dom.append(head, title, foot);
      return { dom };
    };
  },
});

/**
 * Links, extended with the mini-program attributes: a text link that opens a mini-program is
 * `<a data-miniprogram-appid data-miniprogram-path>` (no href), as on WeChat.
 */
export const ArticleLink = Link.extend({
  parseHTML() {
    // Link reads only <a href>; a mini-program link has none.
    return [...(this.parent?.() ?? []), { tag: 'a[data-miniprogram-appid]' }];
  },
  addAttributes() {
    return {
      ...this.parent?.(),
      'data-miniprogram-appid': { default: null },
      'data-miniprogram-path': { default: null },
    };
  },
}).configure({ openOnClick: false, autolink: false, HTMLAttributes: { rel: null, target: null } });

/** AppIDs of mini-programs: wx and 16 hexadecimal characters. */
export const MINI_PROGRAM_APPID = /^wx[0-9a-f]{16}$/;
