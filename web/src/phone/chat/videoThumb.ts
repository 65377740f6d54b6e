import { t } from '../../i18n/index.js';
/**
 * A thumbnail for a video the follower sends (WeChat needs one: thumb_media_id). The first
 * frame is drawn when the browser can play the file; otherwise a neutral poster with a play mark.
 */
function poster(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#2b2b2b';
    ctx.fillRect(0, 0, 320, 180);
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.moveTo(145, 65);
    ctx.lineTo(145, 115);
    ctx.lineTo(185, 90);
    ctx.closePath();
    ctx.fill();
  }
  return toJpeg(canvas);
}

function toJpeg(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(t('phoneChat.couldNotDrawA')))), 'image/jpeg', 0.85));
}

function firstFrame(file: Blob): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const video = document.createElement('video');
    const done = (fn: () => void) => {
      URL.revokeObjectURL(url);
      fn();
    };
    const timer = window.setTimeout(() => done(() => reject(new Error('timeout'))), 4000);
    video.muted = true;
    video.preload = 'auto';
    video.onloadeddata = () => {
      video.currentTime = Math.min(0.1, video.duration || 0);
    };
    video.onseeked = () => {
      window.clearTimeout(timer);
      const canvas = document.createElement('canvas');
      const scale = Math.min(1, 480 / Math.max(video.videoWidth, 1));
      canvas.width = Math.max(1, Math.round(video.videoWidth * scale));
      canvas.height = Math.max(1, Math.round(video.videoHeight * scale));
      canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
      done(() => toJpeg(canvas).then(resolve, reject));
    };
    video.onerror = () => {
      window.clearTimeout(timer);
      done(() => reject(new Error('unplayable')));
    };
    video.src = url;
  });
}

/** A JPEG thumbnail for a video: its first frame, or a poster when the browser cannot play it. */
export async function videoThumbnail(file: Blob): Promise<Blob> {
  try {
    return await firstFrame(file);
  } catch {
    return poster();
  }
}
