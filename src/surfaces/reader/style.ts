/**
 * The article page's stylesheet: mobile first, WeChat's reading view (17px body on a white
 * column, grey meta line, green accents), no web fonts and no JavaScript.
 */
export const PAGE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#1a1a1a;font:17px/1.75 -apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Hiragino Sans GB","Microsoft YaHei",Arial,sans-serif;word-wrap:break-word}
main{max-width:677px;margin:0 auto;padding:20px 16px 40px}
h1.title{font-size:22px;line-height:1.4;font-weight:500;margin:0 0 14px}
.meta{font-size:15px;color:rgba(0,0,0,.6);margin-bottom:22px;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
.meta .account{color:#576b95;text-decoration:none}
.tag-original{font-size:12px;line-height:1.6;padding:0 4px;border-radius:2px;background:rgba(0,0,0,.05);color:rgba(0,0,0,.62)}
.repost{font-size:14px;color:rgba(0,0,0,.5);background:#f7f7f7;border-radius:4px;padding:8px 12px;margin-bottom:18px}
.repost a{color:#576b95;text-decoration:none}
.cover{display:block;width:100%;height:auto;border-radius:4px;margin-bottom:18px}
.content{overflow:hidden}
.content img{max-width:100%;height:auto!important}
.content p{margin:0 0 1em}
.content blockquote{margin:0 0 1em;padding:4px 0 4px 12px;border-left:3px solid #dbdbdb;color:rgba(0,0,0,.55)}
.content pre{overflow:auto;background:#f6f8fa;padding:10px;border-radius:4px;font-size:14px}
.content table{border-collapse:collapse;max-width:100%}
.content td,.content th{border:1px solid #ddd;padding:4px 8px}
.content a{color:#576b95}
.mp-card{display:block;border:1px solid #ececec;border-radius:8px;padding:12px 14px;margin:12px 0;color:#1a1a1a!important;text-decoration:none}
.mp-card::before{content:"Mini Program";display:block;font-size:13px;color:rgba(0,0,0,.45)}
.mp-subscribe{display:block;border:1px solid #ececec;border-radius:8px;padding:12px 14px;margin:12px 0;color:#07c160!important;text-align:center;text-decoration:none}
.mp-subscribe::before{content:"\\1F514  "}
.mp-link::before{content:"\\25C9 ";color:#07c160}
.source{margin-top:24px;font-size:14px}
.source a{color:#576b95}
.stats{display:flex;gap:18px;margin:28px 0 8px;font-size:15px;color:rgba(0,0,0,.6)}
.donate{margin:28px 0;text-align:center}
.donate a{display:inline-block;background:#b35900;color:#fff;text-decoration:none;border-radius:4px;padding:6px 28px;font-size:16px}
.donate p{font-size:14px;color:rgba(0,0,0,.6);margin:6px 0 0}
.ad{margin:28px 0;border-top:1px solid #eee;padding-top:12px;font-size:15px}
.ad a{display:block;color:inherit;text-decoration:none}
.ad img{width:100%;height:auto;border-radius:4px}
.ad .label{font-size:12px;color:rgba(0,0,0,.35)}
.ad strong{display:block;font-weight:500}
.comments{margin-top:32px}
.comments ul{list-style:none;margin:0;padding:0}
.comments h2{font-size:15px;color:rgba(0,0,0,.5);font-weight:400;margin:0 0 10px}
.comment{display:flex;gap:10px;padding:10px 0;font-size:15px;line-height:1.6}
.comment .avatar{flex:none;width:32px;height:32px;border-radius:4px;background:#e5e5e5}
.comment .who{color:rgba(0,0,0,.5);font-size:14px}
.comment .reply{margin-top:6px;padding-left:10px;border-left:2px solid #07c160;color:rgba(0,0,0,.6)}
.notice{text-align:center;padding:80px 16px;color:rgba(0,0,0,.5)}
.notice h1{font-size:20px;font-weight:500;color:#1a1a1a}
.preview-bar{background:#fffbe6;color:#8a6d00;font-size:14px;text-align:center;padding:6px}
@media (prefers-color-scheme:dark){body{background:#191919;color:rgba(255,255,255,.85)}.meta,.stats,.comments h2{color:rgba(255,255,255,.5)}.repost{background:#222}}
`;
