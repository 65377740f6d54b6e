import { useState, type ReactNode } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import Placeholder from '@tiptap/extension-placeholder';
import { Alert, Button, Checkbox, Dialog, Field, Input } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import { MAX_BLOCK_TEMPLATES, SubscribeBlock } from './subscribeBlock.js';
import { MaterialPicker } from '../materials/MaterialPicker.js';
import { ArticleLink, MINI_PROGRAM_APPID, MiniProgramCard } from './miniProgram.js';
import { t } from '../../i18n/index.js';

function ToolButton({ label, active, onClick, children, disabled }: { label: string; active?: boolean; onClick(): void; children: ReactNode; disabled?: boolean }) {
  return (
    // The name is the label; the glyph (H2, 1≡ ...) is decoration, so it is hidden from the name.
    <button type="button" className={`tool ${active ? 'active' : ''}`} title={label} aria-pressed={active} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      <span aria-hidden="true">{children}</span>
      <span className="tool-label">{label}</span>
    </button>
  );
}

/** The URL dialog for links: http(s) addresses only, as WeChat's editor accepts. */
function LinkDialog({ editor, open, onClose }: { editor: Editor; open: boolean; onClose(): void }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const value = url.trim();
    if (value === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      onClose();
      return;
    }
    if (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value)) {
      setError(t('articles.enterAFullWeb'));
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) {
      chain.insertContent({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href: value } }] }).run();
    } else chain.setLink({ href: value }).run();
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={t('articles.link')}
      onClose={onClose}
      footer={<><Button onClick={onClose}>{t('articles.cancel')}</Button><Button variant="primary" onClick={apply}>{t('articles.applyLink')}</Button></>}
    >
      <Field label={t('articles.webAddress')} error={error} hint={t('articles.readersOpenItIn')}>
        {(p) => <Input {...p} value={url} placeholder={t('articles.httpsExampleComPage')} onChange={(e) => { setUrl(e.target.value); setError(null); }} onKeyDown={(e) => e.key === 'Enter' && apply()} />}
      </Field>
    </Dialog>
  );
}

/** Inserts a mini-program card, or a text link that opens a mini-program. */
function MiniProgramDialog({ editor, open, onClose }: { editor: Editor; open: boolean; onClose(): void }) {
  const [form, setForm] = useState({ appid: '', path: '', title: '', kind: 'card' as 'card' | 'text' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const insert = () => {
    const e: Record<string, string> = {};
    if (!MINI_PROGRAM_APPID.test(form.appid.trim())) e.appid = t('articles.aMiniProgramAppid');
    if (form.path.length > 256) e.path = t('articles.atMost256Characters');
    if (form.title.trim() === '') e.title = form.kind === 'card' ? t('articles.giveTheCardA') : t('articles.enterTheTextReaders');
    if (form.title.length > 64) e.title = t('articles.atMost64Characters');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const attrs = { appid: form.appid.trim(), path: form.path.trim(), title: form.title.trim() };
    if (form.kind === 'card') editor.chain().focus().insertContent([{ type: 'miniProgramCard', attrs }, { type: 'paragraph' }]).run();
    else {
      editor.chain().focus().insertContent({
        type: 'text',
        text: attrs.title,
        marks: [{ type: 'link', attrs: { href: null, 'data-miniprogram-appid': attrs.appid, 'data-miniprogram-path': attrs.path } }],
      }).run();
    }
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={t('articles.miniProgram')}
      onClose={onClose}
      footer={<><Button onClick={onClose}>{t('articles.cancel')}</Button><Button variant="primary" onClick={insert}>{t('articles.insert')}</Button></>}
    >
      <div className="segmented mp-kind" role="radiogroup" aria-label={t('articles.showAs')}>
        <button type="button" role="radio" aria-checked={form.kind === 'card'} className={form.kind === 'card' ? 'active' : ''} onClick={() => setForm({ ...form, kind: 'card' })}>{t('articles.card')}</button>
        <button type="button" role="radio" aria-checked={form.kind === 'text'} className={form.kind === 'text' ? 'active' : ''} onClick={() => setForm({ ...form, kind: 'text' })}>{t('articles.textLink')}</button>
      </div>
      <Field label={t('articles.miniProgramAppid')} error={errors.appid}>
        {(p) => <Input {...p} value={form.appid} placeholder={t('articles.wx0123456789abcdef')} onChange={(e) => setForm({ ...form, appid: e.target.value })} />}
      </Field>
      <Field label={t('articles.pagePath')} hint={t('articles.thePageToOpen')} error={errors.path}>
        {(p) => <Input {...p} value={form.path} placeholder={t('articles.pagesIndexIndex')} onChange={(e) => setForm({ ...form, path: e.target.value })} />}
      </Field>
      <Field label={form.kind === 'card' ? t('articles.cardTitle') : t('articles.linkText')} error={errors.title}>
        {(p) => <Input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
      </Field>
    </Dialog>
  );
}

/**
 * Inserts a subscribe block: up to 5 of the account's subscribe templates (订阅通知) that a reader
 * may consent to from the article, and the words on the block.
 */
function SubscribeDialog({ appid, editor, open, onClose }: { appid: string; editor: Editor; open: boolean; onClose(): void }) {
  const data = useAccountData<{ allowed: boolean; templates: Array<{ pri_tmpl_id: string; title: string; type: number }> }>(appid, '/subscribe-templates');
  const [chosen, setChosen] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const templates = data.data?.templates ?? [];
  const insert = () => {
    if (chosen.length === 0) return setError(t('articles.subscribeChooseOne'));
    if (chosen.length > MAX_BLOCK_TEMPLATES) return setError(t('articles.subscribeAtMost', { n: MAX_BLOCK_TEMPLATES }));
    if (title.length > 32) return setError(t('articles.atMost32Characters'));
    editor.chain().focus().insertContent([{ type: 'subscribeBlock', attrs: { templateIds: chosen.join(','), title: title.trim() } }, { type: 'paragraph' }]).run();
    onClose();
  };
  return (
    <Dialog
      open={open}
      title={t('articles.subscribeBlock')}
      onClose={onClose}
      footer={<><Button onClick={onClose}>{t('articles.cancel')}</Button><Button variant="primary" onClick={insert} disabled={templates.length === 0}>{t('articles.insert')}</Button></>}
    >
      {data.data && !data.data.allowed && <Alert tone="warning">{t('articles.subscribeNotAllowed')}</Alert>}
      {data.data?.allowed && templates.length === 0 && <Alert tone="info">{t('articles.subscribeNoTemplates')}</Alert>}
      {templates.length > 0 && (
        <fieldset className="subscribe-choice">
          <legend>{t('articles.subscribeTemplates', { n: MAX_BLOCK_TEMPLATES })}</legend>
          {templates.map((tpl) => (
            <Checkbox
              key={tpl.pri_tmpl_id}
              label={tpl.title}
              hint={tpl.type === 3 ? t('articles.subscribeLongTerm') : t('articles.subscribeOnce')}
              checked={chosen.includes(tpl.pri_tmpl_id)}
              onChange={(on) => { setChosen((c) => (on ? [...c, tpl.pri_tmpl_id] : c.filter((x) => x !== tpl.pri_tmpl_id))); setError(null); }}
            />
          ))}
        </fieldset>
      )}
      <Field label={t('articles.subscribeText')} hint={t('articles.subscribeTextHint')} error={error}>
        {(p) => <Input {...p} value={title} placeholder={t('articles.subscribeDefaultText')} onChange={(e) => { setTitle(e.target.value); setError(null); }} />}
      </Field>
    </Dialog>
  );
}

/**
 * The article body editor: Tiptap with the formatting WeChat articles use, images from the
 * materials library and mini-program embeds. `onChange` receives the HTML.
 */
export function RichEditor({ appid, value, onChange }: { appid: string; value: string; onChange(html: string): void }) {
  const [dialog, setDialog] = useState<null | 'link' | 'image' | 'mini' | 'subscribe'>(null);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: false, heading: { levels: [2, 3, 4] }, code: false, codeBlock: false }),
      ArticleLink,
      Image.configure({ inline: false }),
      Placeholder.configure({ placeholder: t('articles.startWritingYourArticle') }),
      MiniProgramCard,
      SubscribeBlock,
    ],
    content: value,
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
    editorProps: { attributes: { class: 'article-body', 'aria-label': t('articles.articleBody'), role: 'textbox', 'aria-multiline': 'true' } },
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const c = () => editor.chain().focus();
  return (
    <div className="rich-editor">
      <div className="toolbar" role="toolbar" aria-label={t('articles.formatting')}>
        <ToolButton label={t('articles.heading')} active={state?.h2} onClick={() => c().toggleHeading({ level: 2 }).run()}>{t('articles.h2')}</ToolButton>
        <ToolButton label={t('articles.subheading')} active={state?.h3} onClick={() => c().toggleHeading({ level: 3 }).run()}>{t('articles.h3')}</ToolButton>
        <span className="tool-sep" />
        <ToolButton label={t('articles.bold')} active={state?.bold} onClick={() => c().toggleBold().run()}><b>{t('articles.b')}</b></ToolButton>
        <ToolButton label={t('articles.italic')} active={state?.italic} onClick={() => c().toggleItalic().run()}><i>{t('articles.i')}</i></ToolButton>
        <ToolButton label={t('articles.underline')} active={state?.underline} onClick={() => c().toggleUnderline().run()}><u>{t('articles.u')}</u></ToolButton>
        <span className="tool-sep" />
        <ToolButton label={t('articles.quote')} active={state?.quote} onClick={() => c().toggleBlockquote().run()}>❝</ToolButton>
        <ToolButton label={t('articles.bulletedList')} active={state?.bullet} onClick={() => c().toggleBulletList().run()}>•≡</ToolButton>
        <ToolButton label={t('articles.numberedList')} active={state?.ordered} onClick={() => c().toggleOrderedList().run()}>1≡</ToolButton>
        <span className="tool-sep" />
        <ToolButton label={t('articles.link')} active={state?.link} onClick={() => setDialog('link')}>{t('articles.link')}</ToolButton>
        <ToolButton label={t('articles.imageFromMaterials')} onClick={() => setDialog('image')}>{t('articles.image')}</ToolButton>
        <ToolButton label={t('articles.miniProgram')} onClick={() => setDialog('mini')}>{t('articles.miniProgram')}</ToolButton>
        <ToolButton label={t('articles.subscribeBlock')} onClick={() => setDialog('subscribe')}>🔔</ToolButton>
      </div>
      <EditorContent editor={editor} className="rich-editor-content" />
      {dialog === 'link' && <LinkDialog editor={editor} open onClose={() => setDialog(null)} />}
      {dialog === 'mini' && <MiniProgramDialog editor={editor} open onClose={() => setDialog(null)} />}
      {dialog === 'subscribe' && <SubscribeDialog appid={appid} editor={editor} open onClose={() => setDialog(null)} />}
      <MaterialPicker
        appid={appid}
        open={dialog === 'image'}
        title={t('articles.insertAnImage')}
        onClose={() => setDialog(null)}
        onPick={(m) => {
          setDialog(null);
          // An empty paragraph after the image keeps the cursor below it (not on the image, where
          // the next insertion would replace it).
          editor.chain().focus().insertContent([{ type: 'image', attrs: { src: m.url, alt: m.name } }, { type: 'paragraph' }]).run();
        }}
      />
    </div>
  );
}
