import { useCallback, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/index.js';
import type { PickedLocation } from '../sheets/LocationSheet.js';
import { accountPath, phoneApi } from '../api.js';
import type { Message } from '../types.js';
import { videoThumbnail } from './videoThumb.js';

interface Uploaded {
  media_id: string;
  url: string;
  kind: 'image' | 'voice' | 'video';
}

/** Uploads one file from the phone (POST /phone/api/media). */
export const uploadMedia = (file: Blob, name: string) => phoneApi.uploadFile<Uploaded>('/media', file, name);

/** The conversation's ways of sending, and whether an upload is under way. */
export interface Sender {
  busy: boolean;
  /** Sends any message body; resolves false (after telling the person) when it failed. */
  send(body: Record<string, unknown>): Promise<boolean>;
  sendText(text: string): Promise<boolean>;
  sendImages(files: File[]): void;
  sendVoice(file: File): void;
  sendVideo(file: File): void;
  sendLocation(loc: PickedLocation): Promise<void>;
}

/** Sending from the conversation: text, uploads, locations, links; the sent rows go to `onSent` at once. */
export function useSender(appid: string, onSent: (messages: Message[]) => void): Sender {
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  const send = useCallback(
    async (body: Record<string, unknown>) => {
      try {
        const r = await phoneApi.post<{ message: Message; replies: Message[] }>(accountPath(appid, '/messages'), body);
        onSent([r.message, ...(r.replies ?? [])]);
        return true;
      } catch (err) {
        toast.show(errorMessage(err), 'error');
        return false;
      }
    },
    [appid, onSent, toast],
  );

  const withBusy = useCallback(
    async (work: () => Promise<unknown>) => {
      setBusy(true);
      try {
        await work();
      } catch (err) {
        toast.show(errorMessage(err), 'error');
      } finally {
        setBusy(false);
      }
    },
    [toast],
  );

  return {
    busy,
    send,
    sendText: (text) => send({ msgtype: 'text', content: text }),
    sendImages: (files) =>
      void withBusy(async () => {
        for (const f of files) {
          const up = await uploadMedia(f, f.name);
          if (!(await send({ msgtype: 'image', media_id: up.media_id }))) break;
        }
      }),
    sendVoice: (file) =>
      void withBusy(async () => {
        const up = await uploadMedia(file, file.name);
        await send({ msgtype: 'voice', media_id: up.media_id, format: /\.(spx|speex)$/i.test(file.name) ? 'speex' : 'amr' });
      }),
    sendVideo: (file) =>
      void withBusy(async () => {
        const up = await uploadMedia(file, file.name);
        const thumb = await uploadMedia(await videoThumbnail(file), 'thumb.jpg');
        await send({ msgtype: 'video', media_id: up.media_id, thumb_media_id: thumb.media_id });
      }),
    sendLocation: async (loc) => {
      await send({ msgtype: 'location', location_x: loc.latitude, location_y: loc.longitude, scale: loc.scale, label: loc.label || loc.poiname });
    },
  };
}
