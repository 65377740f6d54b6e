import { useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/index.js';
import type { PickedLocation } from '../sheets/LocationSheet.js';
import type { MessageActions } from './MessageBody.js';
import { accountPath, phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import { uploadMedia, type Sender } from './useSender.js';
import type { MenuButton, MenuOutcome, Message } from '../types.js';
import { t } from '../../i18n/index.js';

const PIC_TYPES = new Set(['pic_sysphoto', 'pic_photo_or_album', 'pic_weixin']);

/**
 * What each menu button does, as in WeChat: click pushes its key; view opens the page in the
 * in-phone browser; miniprogram opens the mini-program; scancode_* scan first; pic_* pick photos;
 * location_select picks a place; media_id / article_id show what the account sends.
 */
export function useMenuActions(appid: string, sender: Sender, onMessages: (messages: Message[]) => void) {
  const { openBrowser, viewImage } = usePhone();
  const toast = useToast();
  const navigate = useNavigate();
  /** Opens the mini-program stand-in page. */
  const openMiniProgram = (mini: string, path: string, scene = '') =>
    navigate(`/phone/miniprogram?appid=${encodeURIComponent(mini)}&path=${encodeURIComponent(path)}${scene ? `&scene=${scene}` : ''}`);
  const [busy, setBusy] = useState(false);
  const [sheet, setSheet] = useState<'scan' | 'location' | null>(null);
  const pending = useRef<{ path: number[]; button: MenuButton } | null>(null);
  const files = useRef<HTMLInputElement>(null);

  const post = async (path: number[], extra: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      const out = await phoneApi.post<MenuOutcome>(accountPath(appid, '/menu'), { path, ...extra });
      if (out.messages.length) onMessages(out.messages);
      if (out.open_miniprogram) void openMiniProgram(out.open_miniprogram.appid, out.open_miniprogram.pagepath, '1035');
      else if (out.open_url) openBrowser(out.open_url, undefined, { from: 'menu', appid });
      if (out.receiving) toast.show(t('phoneChat.receivingTheResult'), 'info');
      return out;
    } catch (err) {
      toast.show(errorMessage(err), 'error');
      return null;
    } finally {
      setBusy(false);
    }
  };

  const press = (path: number[], button: MenuButton) => {
    pending.current = { path, button };
    const type = button.type ?? '';
    if (type === 'scancode_push' || type === 'scancode_waitmsg') return setSheet('scan');
    if (type === 'location_select') return setSheet('location');
    if (PIC_TYPES.has(type)) {
      if (files.current) files.current.multiple = type !== 'pic_sysphoto';
      return files.current?.click();
    }
    void post(path);
  };

  const completeScan = async (text: string) => {
    const p = pending.current;
    if (!p) return;
    setSheet(null);
    await post(p.path, { scan_type: 'qrcode', scan_result: text });
  };

  const completeLocation = async (loc: PickedLocation) => {
    const p = pending.current;
    if (!p) return;
    setSheet(null);
    await post(p.path, {
      location: { location_x: loc.latitude, location_y: loc.longitude, scale: loc.scale, label: loc.label, poiname: loc.poiname },
    });
  };

  const onFiles = async (list: File[]) => {
    const p = pending.current;
    if (!p || list.length === 0) return;
    setBusy(true);
    try {
      const ids: string[] = [];
      for (const f of list.slice(0, 9)) ids.push((await uploadMedia(f, f.name)).media_id);
      await post(p.path, { media_ids: ids });
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const filePicker: ReactNode = (
    <input
      ref={files}
      type="file"
      accept="image/*"
      className="ph-hidden-file"
      data-testid="menu-pictures"
      aria-label={t('phoneChat.photosForTheMenu')}
      onChange={(e) => {
        const list = [...(e.target.files ?? [])];
        e.target.value = '';
        void onFiles(list);
      }}
    />
  );

  const messageActions: MessageActions = {
    openUrl: (url, title) => openBrowser(url, title, { from: 'chat', appid }),
    openMiniProgram,
    chooseOption: (id, content) => void sender.send({ msgtype: 'text', content, bizmsgmenuid: id }),
    viewImage,
  };

  return { press, busy, sheet, closeSheet: () => setSheet(null), completeScan, completeLocation, filePicker, messageActions };
}
