import type { KfAccountRow } from '../store/kfAccounts.js';
import type { KfSessionRow } from '../store/kfSessions.js';
import type { KfRecordRow } from '../store/kfRecords.js';
import { inviteStatusAt } from '../rules/kf.js';

/** What the customer-service APIs send (reference §10). Each lists exactly the fields it sends. */

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

/** Where an avatar is served: a public URL, as WeChat's mmbiz image URLs are. */
export function kfHeadimgUrl(publicUrl: string, appid: string, kf: Pick<KfAccountRow, 'kfId' | 'headimgVersion'>): string {
  if (!kf.headimgVersion) return '';
  return `${publicUrl}/mmbiz/kfheadimg/${encodeURIComponent(appid)}/${kf.kfId}?v=${kf.headimgVersion}`;
}

/** One getkflist entry, as WeChat sends it. */
export interface KfInfo {
  kf_account: string;
  kf_headimgurl: string;
  /** A decimal string, as WeChat's examples show it. */
  kf_id: string;
  kf_nick: string;
  /** The bound worker's WeChat id. */
  kf_wx?: string;
  invite_wx?: string;
  invite_expire_time?: number;
  invite_status?: 'waiting' | 'rejected' | 'expired';
}

/** One getkflist entry. Invitation fields appear while an invitation is open or was answered no. */
export function presentKfInfo(kf: KfAccountRow, headimgurl: string, nowMs: number): KfInfo {
  const out: KfInfo = { kf_account: kf.kfAccount, kf_headimgurl: headimgurl, kf_id: String(kf.kfId), kf_nick: kf.nickname };
  const status = inviteStatusAt(kf, nowMs);
  if (status === 'accepted' && kf.inviteWx) out.kf_wx = kf.inviteWx;
  else if (status && status !== 'accepted' && kf.inviteWx) {
    out.invite_wx = kf.inviteWx;
    if (kf.inviteExpiresAt) out.invite_expire_time = sec(kf.inviteExpiresAt);
    out.invite_status = status;
  }
  return out;
}

/** One getonlinekflist entry. status 1: online (WeChat's web client). */
export function presentOnlineKf(kf: KfAccountRow, acceptedCase: number): { kf_account: string; status: number; kf_id: string; accepted_case: number } {
  return { kf_account: kf.kfAccount, status: 1, kf_id: String(kf.kfId), accepted_case: acceptedCase };
}

/** getsession: the worker ("" when nobody has the follower) and when the session started (0 without one). */
export function presentSessionOf(session: KfSessionRow | undefined): { kf_account: string; createtime: number } {
  if (!session) return { kf_account: '', createtime: 0 };
  return { kf_account: session.status === 'active' && session.kfAccount ? session.kfAccount : '', createtime: sec(session.createdAt) };
}

/** One getsessionlist entry. */
export function presentSessionListItem(session: KfSessionRow): { openid: string; createtime: number } {
  return { openid: session.openid, createtime: sec(session.createdAt) };
}

/** One getwaitcase entry: latest_time is the follower's latest message (or when they started waiting). */
export function presentWaitCase(session: KfSessionRow): { openid: string; latest_time: number } {
  return { openid: session.openid, latest_time: sec(session.lastUserMessageAt ?? session.createdAt) };
}

/** One chat-history record (getmsglist, getrecord). */
export function presentRecord(r: KfRecordRow): { openid: string; opercode: number; text: string; time: number; worker: string } {
  return { openid: r.openid, opercode: r.opercode, text: r.text, time: sec(r.createdAt), worker: r.worker };
}
