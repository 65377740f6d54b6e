import { Node, mergeAttributes } from '@tiptap/core';
import { t } from '../../i18n/index.js';

/** The most templates one subscribe block asks about (the subscribe popup's limit). */
export const MAX_BLOCK_TEMPLATES = 5;

/**
 * The subscribe block (订阅通知): `<mp-subscribemsg data-template-ids="id1,id2" data-title>`, the
 * element Herald stores for the account's subscribe templates a reader may consent to from the
 * article (PopupScene 2). In the editor it shows as one block that can be selected and deleted.
 */
export const SubscribeBlock = Node.create({
  name: 'subscribeBlock',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      templateIds: {
        default: '',
        parseHTML: (el: HTMLElement) => el.getAttribute('data-template-ids') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-template-ids': String(attrs.templateIds ?? '') }),
      },
      title: {
        default: '',
        parseHTML: (el: HTMLElement) => el.getAttribute('data-title') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-title': String(attrs.title ?? '') }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'mp-subscribemsg' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['mp-subscribemsg', mergeAttributes(HTMLAttributes)];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'mp-card subscribe-block';
      dom.setAttribute('contenteditable', 'false');
      const head = document.createElement('div');
      head.className = 'mp-card-head';
      head.textContent = `🔔 ${t('articles.subscribeBlock')}`;
      const title = document.createElement('div');
      title.className = 'mp-card-title';
      title.textContent = String(node.attrs.title || t('articles.subscribeDefaultText'));
      const foot = document.createElement('div');
      foot.className = 'mp-card-foot';
      const n = String(node.attrs.templateIds || '').split(',').filter(Boolean).length;
      foot.textContent = t('articles.subscribeTemplatesCount', { n });
      dom.append(head, title, foot);
      return { dom };
    };
  },
});
