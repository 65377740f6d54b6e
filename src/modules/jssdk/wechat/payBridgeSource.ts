/**
 * The `WeixinJSBridge` object the bridge script adds to every page the in-app browser shows
 * (served after BRIDGE_SOURCE in the same file): `WeixinJSBridge.invoke('getBrandWCPayRequest',
 * params, cb)` for JSAPI payment (reference wechat-pay §2.2), `on`, `call`, and the
 * `WeixinJSBridgeReady` event pages wait for. Calls go to the phone (postMessage to the parent
 * frame), which opens the payment sheet and answers `{err_msg}`. Outside the phone there is no
 * WeixinJSBridge, as in any other browser.
 */
export const WEIXIN_JSBRIDGE_SOURCE = String.raw`(function () {
  'use strict';
  if (window.WeixinJSBridge || window.parent === window) return;
  var seq = 1000000000;
  var pending = {};
  window.addEventListener('message', function (e) {
    if (e.source !== window.parent) return;
    var d = e.data;
    if (!d || typeof d !== 'object' || d.herald !== 'jssdk-answer' || !pending[d.id]) return;
    var cb = pending[d.id];
    delete pending[d.id];
    cb(d.res || {});
  });
  function plain(obj) {
    var out = {};
    if (!obj || typeof obj !== 'object') return out;
    for (var k in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
      var v = obj[k];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    }
    return out;
  }
  var bridge = {
    invoke: function (name, params, cb) {
      var id = ++seq;
      pending[id] = function (res) { if (typeof cb === 'function') cb(res); };
      window.parent.postMessage({ herald: 'jssdk', id: id, type: 'bridge', payload: { api: String(name), args: plain(params) }, href: location.href }, '*');
    },
    call: function (name) { this.invoke(name, {}, function () {}); },
    on: function () {}
  };
  window.WeixinJSBridge = bridge;
  function ready() {
    var ev;
    try { ev = new Event('WeixinJSBridgeReady'); } catch (e) { ev = document.createEvent('Event'); ev.initEvent('WeixinJSBridgeReady', false, false); }
    document.dispatchEvent(ev);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else setTimeout(ready, 0);
})();
`;
