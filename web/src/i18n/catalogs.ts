/**
 * The message catalogs: one file per language and feature (web/src/i18n/<language>/<feature>.json),
 * each feature's keys under its own name ("inbox.session"). Messages are ICU MessageFormat.
 */
import en_accounts from './en/accounts.json' with { type: 'json' };
import en_admin from './en/admin.json' with { type: 'json' };
import en_api from './en/api.json' with { type: 'json' };
import en_app from './en/app.json' with { type: 'json' };
import en_articles from './en/articles.json' with { type: 'json' };
import en_autoreply from './en/autoreply.json' with { type: 'json' };
import en_broadcasts from './en/broadcasts.json' with { type: 'json' };
import en_clock from './en/clock.json' with { type: 'json' };
import en_comments from './en/comments.json' with { type: 'json' };
import en_costs from './en/costs.json' with { type: 'json' };
import en_developer from './en/developer.json' with { type: 'json' };
import en_followers from './en/followers.json' with { type: 'json' };
import en_frame from './en/frame.json' with { type: 'json' };
import en_home from './en/home.json' with { type: 'json' };
import en_inbox from './en/inbox.json' with { type: 'json' };
import en_inspector from './en/inspector.json' with { type: 'json' };
import en_materials from './en/materials.json' with { type: 'json' };
import en_menu from './en/menu.json' with { type: 'json' };
import en_miniprograms from './en/miniprograms.json' with { type: 'json' };
import en_messages from './en/messages.json' with { type: 'json' };
import en_phone from './en/phone.json' with { type: 'json' };
import en_phoneArticle from './en/phoneArticle.json' with { type: 'json' };
import en_phoneChat from './en/phoneChat.json' with { type: 'json' };
import en_phoneChats from './en/phoneChats.json' with { type: 'json' };
import en_phoneContacts from './en/phoneContacts.json' with { type: 'json' };
import en_phoneDiscover from './en/phoneDiscover.json' with { type: 'json' };
import en_phoneKit from './en/phoneKit.json' with { type: 'json' };
import en_phoneMe from './en/phoneMe.json' with { type: 'json' };
import en_phonePay from './en/phonePay.json' with { type: 'json' };
import en_phoneMiniprogram from './en/phoneMiniprogram.json' with { type: 'json' };
import en_phoneProfile from './en/phoneProfile.json' with { type: 'json' };
import en_phoneSearch from './en/phoneSearch.json' with { type: 'json' };
import en_phoneSheets from './en/phoneSheets.json' with { type: 'json' };
import en_phoneReport from './en/phoneReport.json' with { type: 'json' };
import en_phoneBrowser from './en/phoneBrowser.json' with { type: 'json' };
import en_phoneSignin from './en/phoneSignin.json' with { type: 'json' };
import en_registration from './en/registration.json' with { type: 'json' };
import en_data from './en/data.json' with { type: 'json' };
import en_revenue from './en/revenue.json' with { type: 'json' };
import en_templates from './en/templates.json' with { type: 'json' };
import en_pay from './en/pay.json' with { type: 'json' };
import en_subscribe from './en/subscribe.json' with { type: 'json' };
import en_session from './en/session.json' with { type: 'json' };
import en_settings from './en/settings.json' with { type: 'json' };
import en_time from './en/time.json' with { type: 'json' };
import en_ui from './en/ui.json' with { type: 'json' };
import en_webauth from './en/webauth.json' with { type: 'json' };
import en_verification from './en/verification.json' with { type: 'json' };
import en_enforcement from './en/enforcement.json' with { type: 'json' };
import zh_accounts from './zh-CN/accounts.json' with { type: 'json' };
import zh_admin from './zh-CN/admin.json' with { type: 'json' };
import zh_api from './zh-CN/api.json' with { type: 'json' };
import zh_app from './zh-CN/app.json' with { type: 'json' };
import zh_articles from './zh-CN/articles.json' with { type: 'json' };
import zh_autoreply from './zh-CN/autoreply.json' with { type: 'json' };
import zh_broadcasts from './zh-CN/broadcasts.json' with { type: 'json' };
import zh_clock from './zh-CN/clock.json' with { type: 'json' };
import zh_comments from './zh-CN/comments.json' with { type: 'json' };
import zh_costs from './zh-CN/costs.json' with { type: 'json' };
import zh_developer from './zh-CN/developer.json' with { type: 'json' };
import zh_followers from './zh-CN/followers.json' with { type: 'json' };
import zh_frame from './zh-CN/frame.json' with { type: 'json' };
import zh_home from './zh-CN/home.json' with { type: 'json' };
import zh_inbox from './zh-CN/inbox.json' with { type: 'json' };
import zh_inspector from './zh-CN/inspector.json' with { type: 'json' };
import zh_materials from './zh-CN/materials.json' with { type: 'json' };
import zh_menu from './zh-CN/menu.json' with { type: 'json' };
import zh_miniprograms from './zh-CN/miniprograms.json' with { type: 'json' };
import zh_messages from './zh-CN/messages.json' with { type: 'json' };
import zh_phone from './zh-CN/phone.json' with { type: 'json' };
import zh_phoneArticle from './zh-CN/phoneArticle.json' with { type: 'json' };
import zh_phoneChat from './zh-CN/phoneChat.json' with { type: 'json' };
import zh_phoneChats from './zh-CN/phoneChats.json' with { type: 'json' };
import zh_phoneContacts from './zh-CN/phoneContacts.json' with { type: 'json' };
import zh_phoneDiscover from './zh-CN/phoneDiscover.json' with { type: 'json' };
import zh_phoneKit from './zh-CN/phoneKit.json' with { type: 'json' };
import zh_phoneMe from './zh-CN/phoneMe.json' with { type: 'json' };
import zh_phonePay from './zh-CN/phonePay.json' with { type: 'json' };
import zh_phoneMiniprogram from './zh-CN/phoneMiniprogram.json' with { type: 'json' };
import zh_phoneProfile from './zh-CN/phoneProfile.json' with { type: 'json' };
import zh_phoneSearch from './zh-CN/phoneSearch.json' with { type: 'json' };
import zh_phoneSheets from './zh-CN/phoneSheets.json' with { type: 'json' };
import zh_phoneReport from './zh-CN/phoneReport.json' with { type: 'json' };
import zh_phoneBrowser from './zh-CN/phoneBrowser.json' with { type: 'json' };
import zh_phoneSignin from './zh-CN/phoneSignin.json' with { type: 'json' };
import zh_registration from './zh-CN/registration.json' with { type: 'json' };
import zh_data from './zh-CN/data.json' with { type: 'json' };
import zh_revenue from './zh-CN/revenue.json' with { type: 'json' };
import zh_templates from './zh-CN/templates.json' with { type: 'json' };
import zh_pay from './zh-CN/pay.json' with { type: 'json' };
import zh_subscribe from './zh-CN/subscribe.json' with { type: 'json' };
import zh_session from './zh-CN/session.json' with { type: 'json' };
import zh_settings from './zh-CN/settings.json' with { type: 'json' };
import zh_time from './zh-CN/time.json' with { type: 'json' };
import zh_ui from './zh-CN/ui.json' with { type: 'json' };
import zh_webauth from './zh-CN/webauth.json' with { type: 'json' };
import zh_verification from './zh-CN/verification.json' with { type: 'json' };
import zh_enforcement from './zh-CN/enforcement.json' with { type: 'json' };

/** The languages the web app speaks. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every catalog by language, then by feature. */
export const CATALOGS: Record<Language, Record<string, Record<string, string>>> = {
  'zh-CN': {
    accounts: zh_accounts,
    admin: zh_admin,
    api: zh_api,
    app: zh_app,
    articles: zh_articles,
    autoreply: zh_autoreply,
    broadcasts: zh_broadcasts,
    clock: zh_clock,
    comments: zh_comments,
    costs: zh_costs,
    developer: zh_developer,
    followers: zh_followers,
    frame: zh_frame,
    home: zh_home,
    inbox: zh_inbox,
    inspector: zh_inspector,
    materials: zh_materials,
    menu: zh_menu,
    miniprograms: zh_miniprograms,
    messages: zh_messages,
    phone: zh_phone,
    phoneArticle: zh_phoneArticle,
    phoneChat: zh_phoneChat,
    phoneChats: zh_phoneChats,
    phoneContacts: zh_phoneContacts,
    phoneDiscover: zh_phoneDiscover,
    phoneKit: zh_phoneKit,
    phoneMe: zh_phoneMe,
    phonePay: zh_phonePay,
    phoneMiniprogram: zh_phoneMiniprogram,
    phoneProfile: zh_phoneProfile,
    phoneSearch: zh_phoneSearch,
    phoneSheets: zh_phoneSheets,
    phoneReport: zh_phoneReport,
    phoneBrowser: zh_phoneBrowser,
    phoneSignin: zh_phoneSignin,
    registration: zh_registration,
    data: zh_data,
    revenue: zh_revenue,
    templates: zh_templates,
    pay: zh_pay,
    subscribe: zh_subscribe,
    session: zh_session,
    settings: zh_settings,
    time: zh_time,
    ui: zh_ui,
    webauth: zh_webauth,
    verification: zh_verification,
    enforcement: zh_enforcement,
  },
  'en': {
    accounts: en_accounts,
    admin: en_admin,
    api: en_api,
    app: en_app,
    articles: en_articles,
    autoreply: en_autoreply,
    broadcasts: en_broadcasts,
    clock: en_clock,
    comments: en_comments,
    costs: en_costs,
    developer: en_developer,
    followers: en_followers,
    frame: en_frame,
    home: en_home,
    inbox: en_inbox,
    inspector: en_inspector,
    materials: en_materials,
    menu: en_menu,
    miniprograms: en_miniprograms,
    messages: en_messages,
    phone: en_phone,
    phoneArticle: en_phoneArticle,
    phoneChat: en_phoneChat,
    phoneChats: en_phoneChats,
    phoneContacts: en_phoneContacts,
    phoneDiscover: en_phoneDiscover,
    phoneKit: en_phoneKit,
    phoneMe: en_phoneMe,
    phonePay: en_phonePay,
    phoneMiniprogram: en_phoneMiniprogram,
    phoneProfile: en_phoneProfile,
    phoneSearch: en_phoneSearch,
    phoneSheets: en_phoneSheets,
    phoneReport: en_phoneReport,
    phoneBrowser: en_phoneBrowser,
    phoneSignin: en_phoneSignin,
    registration: en_registration,
    data: en_data,
    revenue: en_revenue,
    templates: en_templates,
    pay: en_pay,
    subscribe: en_subscribe,
    session: en_session,
    settings: en_settings,
    time: en_time,
    ui: en_ui,
    webauth: en_webauth,
    verification: en_verification,
    enforcement: en_enforcement,
  },
};
