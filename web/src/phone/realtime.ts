import { useEffect, useRef, useState } from 'react';
import type { RealtimeEvent } from './types.js';

/**
 * The phone's realtime stream (GET /phone/ws). Every message event moves the cursor on; when
 * the socket drops, it reconnects with `after=<cursor>` and the server replays what was missed,
 * so nothing is lost. Push posts are not replayed: the page reloads its lists after a reconnect.
 * Reconnects back off from 0.5 s to 10 s.
 */
export function useRealtime(token: string | null, startAfter: number | null, onEvent: (e: RealtimeEvent) => void): { connected: boolean } {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const cursor = useRef<number | null>(null);
  const seenRef = useRef(new Set<number>());
  if (cursor.current === null && startAfter !== null) cursor.current = startAfter;
  const ready = startAfter !== null;

  useEffect(() => {
    if (!token || !ready) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let retry: number | undefined;
    let delay = 500;
    const seen = seenRef.current;

    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const after = cursor.current ?? 0;
      const url = `${scheme}://${window.location.host}/phone/ws?token=${encodeURIComponent(token)}&after=${after}`;
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        delay = 500;
        setConnected(true);
      };
      ws.onmessage = (ev) => {
        let event: RealtimeEvent;
        try {
          event = JSON.parse(String(ev.data)) as RealtimeEvent;
        } catch {
          return;
        }
        if (event.type !== 'message' && event.type !== 'typing' && event.type !== 'menu_changed' && event.type !== 'broadcast' && event.type !== 'mass_confirmation') return;
        if (event.type === 'message') {
          // A replay after a reconnect may repeat what arrived just before the drop.
          if (seen.has(event.message.id)) return;
          seen.add(event.message.id);
          if (seen.size > 2000) seen.delete(seen.values().next().value as number);
          cursor.current = Math.max(cursor.current ?? 0, event.message.id);
        }
        handler.current(event);
      };
      ws.onclose = () => {
        setConnected(false);
        if (stopped) return;
        retry = window.setTimeout(connect, delay);
        delay = Math.min(delay * 2, 10_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, [token, ready]);

  return { connected };
}
