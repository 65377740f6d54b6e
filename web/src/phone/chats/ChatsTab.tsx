import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Spinner } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen, TabBar } from '../kit/chrome.js';
import { badgeText, listTime } from '../kit/format.js';
import { PlusCircleIcon, ScanIcon, SearchIcon } from '../kit/icons.js';
import { usePhone } from '../PhoneContext.js';
import { previewLine } from '../../ui/previewLine.js';
import type { ChatEntry, SubscriptionsSummary } from '../types.js';
import { useServiceNotifications } from './ServiceNotifications.js';
import { useMassConfirmations, type MassConfirmation } from './MassConfirmations.js';
import type { ServiceNotificationView } from '../../../../src/modules/subscribemsg/phone.js';
import type { ReceiptView } from '../../../../src/modules/pay/phone.js';
import { receiptPreview, useReceipts } from '../pay/ReceiptsScreen.js';
import { t } from '../../i18n/index.js';
import { useLinkInvitations, type LinkInvitation } from '../miniprogram/LinkInvitations.js';

type Row =
  | { kind: 'chat'; chat: ChatEntry; at: string }
  | { kind: 'folder'; folder: SubscriptionsSummary; at: string }
  | { kind: 'service'; latest: ServiceNotificationView; at: string }
  | { kind: 'confirm'; pending: MassConfirmation[]; at: string }
  | { kind: 'pay'; latest: ReceiptView; at: string }
  | { kind: 'assistant'; latest: LinkInvitation; count: number; at: string };

/** Total unread of the Chats tab: service accounts and other chats; the folder only shows a dot. */
export function chatsUnread(chats: ChatEntry[]): number {
  return chats.reduce((n, c) => n + c.unread, 0);
}

/** The Chats tab (微信): conversations newest first, with the Subscriptions folder as one row. */
export function ChatsTab() {
  const navigate = useNavigate();
  const { chats, connected, confirmations } = usePhone();
  const [menuOpen, setMenuOpen] = useState(false);
  const unread = chats ? chatsUnread(chats.chats) : 0;
  const dot = Boolean(chats?.subscriptions && chats.subscriptions.unread > 0);
  const stamp = `${chats?.chats[0]?.updated_at ?? ''}|${chats?.subscriptions?.updated_at ?? ''}`;
  const service = useServiceNotifications(stamp);
  const receipts = useReceipts(stamp);
  const pending = useMassConfirmations(`${confirmations}`);
  const invitations = useLinkInvitations(`${chats?.chats[0]?.updated_at ?? ''}`);
  const newest = invitations && invitations.length > 0 ? invitations[invitations.length - 1] : null;
  const rows: Row[] = [
    ...(pending && pending.length > 0 ? [{ kind: 'confirm', pending, at: pending[pending.length - 1].sent_at } as Row] : []),
    ...(receipts && receipts.length > 0 ? [{ kind: 'pay', latest: receipts[0], at: receipts[0].at } as Row] : []),
    ...(newest ? [{ kind: 'assistant', latest: newest, count: invitations?.length ?? 0, at: newest.requested_at } as Row] : []),
    ...(service && service.length > 0 ? [{ kind: 'service', latest: service[0], at: service[0].created_at } as Row] : []),
    ...(chats?.chats ?? []).map((chat): Row => ({ kind: 'chat', chat, at: chat.updated_at })),
    ...(chats?.subscriptions ? [{ kind: 'folder', folder: chats.subscriptions, at: chats.subscriptions.updated_at } as Row] : []),
  ].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <Screen
      nav={
        <NavBar
          title={unread > 0 ? t('phoneChats.wechat', { value: badgeText(unread) }) : t('phoneChats.wechatTitle')}
          sub={chats && !connected ? t('phoneChats.connecting') : undefined}
          right={
            <>
              <button type="button" className="ph-icon-btn" aria-label={t('phoneChats.search')} onClick={() => navigate('/phone/search')}>
                <SearchIcon />
              </button>
              <button type="button" className="ph-icon-btn" aria-label={t('phoneChats.more')} aria-expanded={menuOpen} onClick={() => setMenuOpen(!menuOpen)}>
                <PlusCircleIcon />
              </button>
            </>
          }
        />
      }
      footer={<TabBar active="chats" unread={unread} dot={dot} />}
    >
      {menuOpen && (
        <>
          <div className="ph-popover-scrim" onClick={() => setMenuOpen(false)} />
          <div className="ph-popover" role="menu">
            <button type="button" role="menuitem" onClick={() => navigate('/phone/discover?scan=1')}>
              <ScanIcon /> {t('phoneChats.scan')}
            </button>
            <button type="button" role="menuitem" onClick={() => navigate('/phone/search')}>
              <SearchIcon /> {t('phoneChats.searchAccounts')}
            </button>
          </div>
        </>
      )}
      {chats === null && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {chats && rows.length === 0 && (
        <div className="ph-empty">
          <p>{t('phoneChats.noChatsYet')}</p>
          <p className="ph-muted">{t('phoneChats.searchForAnOfficial')}</p>
          <button type="button" className="ph-pill" onClick={() => navigate('/phone/search')}>
            {t('phoneChats.searchAccounts')}
          </button>
        </div>
      )}
      <ul className="ph-list ph-chats" aria-label={t('phoneChats.chats')}>
        {rows.map((r) =>
          r.kind === 'confirm' ? (
            <li key="__mass_confirmations">
              <button type="button" className="ph-row ph-chat-row" data-testid="mass-confirmations-row" onClick={() => navigate('/phone/mass-confirmations')}>
                <span className="ph-avatar-wrap">
                  <Avatar name={t('phoneChats.massAssistant')} seed="mphelper" />
                  <span className="ph-badge ph-avatar-badge">{badgeText(r.pending.length)}</span>
                </span>
                <span className="ph-row-main">
                  <span className="ph-row-top">
                    <span className="ph-row-title">{t('phoneChats.massAssistant')}</span>
                    <span className="ph-row-time">{listTime(r.at)}</span>
                  </span>
                  <span className="ph-row-sub">{t('phoneChats.massConfirmPending', { count: r.pending.length })}</span>
                </span>
              </button>
            </li>
          ) : r.kind === 'pay' ? (
            <li key="__pay">
              <button type="button" className="ph-row ph-chat-row" data-testid="pay-receipts-row" onClick={() => navigate('/phone/pay/receipts')}>
                <span className="ph-avatar-wrap">
                  <Avatar name={t('phonePay.notices')} seed="wechat-pay" />
                </span>
                <span className="ph-row-main">
                  <span className="ph-row-top">
                    <span className="ph-row-title">{t('phonePay.notices')}</span>
                    <span className="ph-row-time">{listTime(r.latest.at)}</span>
                  </span>
                  <span className="ph-row-sub">{receiptPreview(r.latest)}</span>
                </span>
              </button>
            </li>
          ) : r.kind === 'assistant' ? (
            <li key="__assistant">
              <button type="button" className="ph-row ph-chat-row" data-testid="security-assistant-row" onClick={() => navigate('/phone/link-invitations')}>
                <span className="ph-avatar-wrap">
                  <Avatar name={t('phoneMiniprogram.securityAssistant')} seed="security-assistant" />
                  <span className="ph-badge ph-avatar-badge" aria-label={t('phoneChats.unread2', { unread: r.count })}>
                    {badgeText(r.count)}
                  </span>
                </span>
                <span className="ph-row-main">
                  <span className="ph-row-top">
                    <span className="ph-row-title">{t('phoneMiniprogram.securityAssistant')}</span>
                    <span className="ph-row-time">{listTime(r.at)}</span>
                  </span>
                  <span className="ph-row-sub">{t('phoneMiniprogram.linkRequestText', { account: r.latest.account_name, name: r.latest.name })}</span>
                </span>
              </button>
            </li>
          ) : r.kind === 'service' ? (
            <li key="__service">
              <button type="button" className="ph-row ph-chat-row" data-testid="service-notifications-row" onClick={() => navigate('/phone/service-notifications')}>
                <span className="ph-avatar-wrap">
                  <Avatar name={t('phoneChats.serviceNotifications')} seed="service-notifications" />
                </span>
                <span className="ph-row-main">
                  <span className="ph-row-top">
                    <span className="ph-row-title">{t('phoneChats.serviceNotifications')}</span>
                    <span className="ph-row-time">{listTime(r.latest.created_at)}</span>
                  </span>
                  <span className="ph-row-sub">{`${r.latest.account_name}: ${r.latest.title}`}</span>
                </span>
              </button>
            </li>
          ) : r.kind === 'folder' ? (
            <li key="__subscriptions">
              <button type="button" className="ph-row ph-chat-row" data-testid="subscriptions-row" onClick={() => navigate('/phone/subscriptions')}>
                <span className="ph-avatar-wrap">
                  <Avatar name="Subscriptions" kind="folder" />
                  {r.folder.unread > 0 && <span className="ph-dot ph-avatar-dot" aria-label={t('phoneChats.new')} />}
                </span>
                <span className="ph-row-main">
                  <span className="ph-row-top">
                    <span className="ph-row-title">{t('phoneChats.subscriptions')}</span>
                    <span className="ph-row-time">{listTime(r.folder.updated_at)}</span>
                  </span>
                  <span className="ph-row-sub">
                    {r.folder.preview ? `${r.folder.name}: ${previewLine(r.folder.preview)}` : r.folder.name}
                  </span>
                </span>
              </button>
            </li>
          ) : (
            <li key={r.chat.appid}>
              <button type="button" className="ph-row ph-chat-row" data-appid={r.chat.appid} onClick={() => navigate(`/phone/chat/${encodeURIComponent(r.chat.appid)}`)}>
                <span className="ph-avatar-wrap">
                  <Avatar name={r.chat.name} seed={r.chat.appid} src={r.chat.avatar_url} />
                  {r.chat.unread > 0 && (
                    <span className="ph-badge ph-avatar-badge" aria-label={t('phoneChats.unread2', { unread: r.chat.unread })}>
                      {badgeText(r.chat.unread)}
                    </span>
                  )}
                </span>
                <span className="ph-row-main">
                  <span className="ph-row-top">
                    <span className="ph-row-title">{r.chat.name}</span>
                    <span className="ph-row-time">{listTime(r.chat.updated_at)}</span>
                  </span>
                  <span className="ph-row-sub">{previewLine(r.chat.preview)}</span>
                </span>
              </button>
            </li>
          ),
        )}
      </ul>
    </Screen>
  );
}
