import { LINK_STATUS } from './rules/miniProgram.js';
import type { LinkView, MiniProgramRow } from './store.js';

/** A mini program as the console, the simulator and the phone see it. */
export function presentMiniProgram(mp: MiniProgramRow) {
  return {
    appid: mp.appid,
    username: mp.username,
    name: mp.name,
    icon_url: mp.iconUrl,
    released_version: mp.releasedVersion,
    pages: [...mp.pages],
    has_admin: mp.adminUserId !== null,
    created_at: mp.createdAt.toISOString(),
  };
}

/** One link as the console shows it. */
export function presentLink(l: LinkView) {
  return {
    appid: l.miniProgram.appid,
    name: l.miniProgram.name,
    icon_url: l.miniProgram.iconUrl,
    status: l.status,
    show_profile: l.showProfile,
    notify_users: l.notifyUsers,
    source: l.source,
    requested_at: l.requestedAt.toISOString(),
    linked_at: l.linkedAt ? l.linkedAt.toISOString() : null,
    unlink_requested_at: l.unlinkRequestedAt ? l.unlinkRequestedAt.toISOString() : null,
  };
}

/**
 * One item of wxamplinkget (commerce §1.3): the mini program's facts, the state, and its
 * functions under both `func_infos` (examples, new doc) and `func_info` (old doc, WxJava).
 */
export function presentWxopenItem(l: LinkView, publicUrl: string) {
  const funcs = [
    { status: 0, id: 1, name: '微信认证' },
    { status: 0, id: 2, name: '微信支付' },
  ];
  return {
    status: l.status,
    username: l.miniProgram.username,
    appid: l.miniProgram.appid,
    source: 'SOURCE_NORMAL',
    nickname: l.miniProgram.name,
    selected: l.status === LINK_STATUS.linked && l.showProfile ? 1 : 0,
    nearby_display_status: 0,
    released: l.miniProgram.releasedVersion !== '' ? 1 : 0,
    headimg_url: l.miniProgram.iconUrl || `${publicUrl.replace(/\/$/, '')}/phone/miniprogram`,
    func_infos: funcs,
    func_info: funcs,
    email: '',
  };
}
