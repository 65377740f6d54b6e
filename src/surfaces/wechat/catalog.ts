/**
 * Every WeChat Official Account API path Herald knows of (compatibility reference §1–§12),
 * grouped as the reference groups them. docs/COMPATIBILITY.md is generated from this list and the
 * APIs actually registered (kit.registeredApis); a test keeps the document true.
 */
export interface CatalogEntry {
  path: string;
  section: string;
}

const group = (section: string, paths: string[]): CatalogEntry[] => paths.map((path) => ({ path, section }));

const datacube = [
  'getusersummary', 'getusercumulate', 'getarticlesummary', 'getarticletotal', 'getuserread', 'getuserreadhour',
  'getusershare', 'getusersharehour', 'getupstreammsg', 'getupstreammsghour', 'getupstreammsgweek', 'getupstreammsgmonth',
  'getupstreammsgdist', 'getupstreammsgdistweek', 'getupstreammsgdistmonth', 'getinterfacesummary', 'getinterfacesummaryhour',
].map((n) => `/datacube/${n}`);

export const CATALOG: CatalogEntry[] = [
  ...group('Auth, IPs, quota', [
    '/cgi-bin/token', '/cgi-bin/stable_token', '/cgi-bin/getcallbackip', '/cgi-bin/get_api_domain_ip', '/cgi-bin/callback/check',
    '/cgi-bin/clear_quota', '/cgi-bin/clear_quota/v2', '/cgi-bin/openapi/quota/get', '/cgi-bin/openapi/quota/clear', '/cgi-bin/openapi/rid/get',
  ]),
  ...group('Custom menu', [
    '/cgi-bin/menu/create', '/cgi-bin/menu/get', '/cgi-bin/menu/delete', '/cgi-bin/get_current_selfmenu_info',
    '/cgi-bin/menu/addconditional', '/cgi-bin/menu/delconditional', '/cgi-bin/menu/trymatch',
  ]),
  ...group('Messaging', [
    '/cgi-bin/message/custom/send', '/cgi-bin/message/custom/typing', '/cgi-bin/message/template/send',
    '/cgi-bin/template/api_set_industry', '/cgi-bin/template/get_industry', '/cgi-bin/template/api_add_template',
    '/cgi-bin/template/get_all_private_template', '/cgi-bin/template/del_private_template', '/cgi-bin/message/template/subscribe',
    '/cgi-bin/message/subscribe/bizsend', '/wxaapi/newtmpl/getcategory', '/wxaapi/newtmpl/getpubtemplatetitles',
    '/wxaapi/newtmpl/getpubtemplatekeywords', '/wxaapi/newtmpl/addtemplate', '/wxaapi/newtmpl/gettemplate', '/wxaapi/newtmpl/deltemplate',
  ]),
  ...group('Mass send', [
    '/cgi-bin/message/mass/sendall', '/cgi-bin/message/mass/send', '/cgi-bin/message/mass/preview', '/cgi-bin/message/mass/delete',
    '/cgi-bin/message/mass/get', '/cgi-bin/message/mass/speed/get', '/cgi-bin/message/mass/speed/set', '/cgi-bin/media/uploadnews',
    '/cgi-bin/media/uploadvideo',
  ]),
  ...group('Users, tags, blacklist', [
    '/cgi-bin/user/get', '/cgi-bin/user/info', '/cgi-bin/user/info/batchget', '/cgi-bin/user/info/updateremark',
    '/cgi-bin/tags/create', '/cgi-bin/tags/get', '/cgi-bin/tags/update', '/cgi-bin/tags/delete',
    '/cgi-bin/tags/members/batchtagging', '/cgi-bin/tags/members/batchuntagging', '/cgi-bin/tags/getidlist', '/cgi-bin/user/tag/get',
    '/cgi-bin/tags/members/getblacklist', '/cgi-bin/tags/members/batchblacklist', '/cgi-bin/tags/members/batchunblacklist',
    '/cgi-bin/changeopenid',
    '/cgi-bin/groups/create', '/cgi-bin/groups/get', '/cgi-bin/groups/getid', '/cgi-bin/groups/update',
    '/cgi-bin/groups/members/update', '/cgi-bin/groups/members/batchupdate', '/cgi-bin/groups/delete',
  ]),
  ...group('QR codes and short links', [
    '/cgi-bin/qrcode/create', '/cgi-bin/showqrcode', '/cgi-bin/shorturl', '/cgi-bin/shorten/gen', '/cgi-bin/shorten/fetch',
  ]),
  ...group('Media, materials, drafts, publishing', [
    '/cgi-bin/media/upload', '/cgi-bin/media/get', '/cgi-bin/media/get/jssdk', '/cgi-bin/media/uploadimg',
    '/cgi-bin/material/add_material', '/cgi-bin/material/get_material', '/cgi-bin/material/del_material',
    '/cgi-bin/material/get_materialcount', '/cgi-bin/material/batchget_material', '/cgi-bin/material/add_news', '/cgi-bin/material/update_news',
    '/cgi-bin/draft/add', '/cgi-bin/draft/get', '/cgi-bin/draft/delete', '/cgi-bin/draft/update', '/cgi-bin/draft/count', '/cgi-bin/draft/batchget',
    '/cgi-bin/freepublish/submit', '/cgi-bin/freepublish/get', '/cgi-bin/freepublish/delete', '/cgi-bin/freepublish/getarticle',
    '/cgi-bin/freepublish/batchget',
    '/cgi-bin/comment/open', '/cgi-bin/comment/close', '/cgi-bin/comment/list', '/cgi-bin/comment/markelect', '/cgi-bin/comment/unmarkelect',
    '/cgi-bin/comment/delete', '/cgi-bin/comment/reply/add', '/cgi-bin/comment/reply/delete',
  ]),
  ...group('Customer service', [
    '/customservice/kfaccount/add', '/customservice/kfaccount/update', '/customservice/kfaccount/del',
    '/customservice/kfaccount/uploadheadimg', '/customservice/kfaccount/inviteworker',
    '/cgi-bin/customservice/getkflist', '/cgi-bin/customservice/getonlinekflist',
    '/customservice/kfsession/create', '/customservice/kfsession/close', '/customservice/kfsession/getsession',
    '/customservice/kfsession/getsessionlist', '/customservice/kfsession/getwaitcase',
    '/customservice/msgrecord/getmsglist', '/customservice/msgrecord/getrecord',
  ]),
  ...group('OAuth and JS-SDK', [
    '/sns/oauth2/access_token', '/sns/oauth2/refresh_token', '/sns/userinfo', '/sns/auth', '/cgi-bin/ticket/getticket',
  ]),
  ...group('Data analytics', datacube),
];
