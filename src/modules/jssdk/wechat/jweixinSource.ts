/**
 * Herald's `jweixin-1.6.0.js`: the `wx` object a page written for WeChat uses. Every call goes
 * to the phone that shows the page (postMessage to the parent frame); the phone asks Herald to
 * judge wx.config, runs the call (scanner, location picker, image picker, share menu) and
 * answers. `debug: true` alerts each result as WeChat does (`{"errMsg":"config:ok"}`).
 * Outside the phone every call fails with `<api>:fail, not in WeChat`.
 */
export const JWEIXIN_SOURCE = String.raw`(function (global) {
  'use strict';
  if (global.jWeixin) return;
  var APIS = ['checkJsApi', 'updateAppMessageShareData', 'updateTimelineShareData', 'onMenuShareAppMessage',
    'onMenuShareTimeline', 'onMenuShareQQ', 'onMenuShareWeibo', 'onMenuShareQZone', 'chooseImage', 'previewImage',
    'uploadImage', 'downloadImage', 'getLocalImgData', 'startRecord', 'stopRecord', 'playVoice', 'pauseVoice', 'stopVoice',
    'uploadVoice', 'downloadVoice', 'translateVoice', 'getLocation', 'openLocation', 'scanQRCode', 'closeWindow',
    'hideMenuItems', 'showMenuItems', 'hideOptionMenu', 'showOptionMenu', 'hideAllNonBaseMenuItem',
    'showAllNonBaseMenuItem', 'getNetworkType', 'chooseWXPay', 'openProductSpecificView', 'addCard', 'chooseCard',
    'openCard', 'openAddress', 'launchMiniProgram'];
  var LEGACY_SHARE = { onMenuShareAppMessage: 1, onMenuShareTimeline: 1, onMenuShareQQ: 1, onMenuShareWeibo: 1, onMenuShareQZone: 1 };
  var inPhone = global.parent && global.parent !== global;
  var seq = 0;
  var pending = {};
  var state = 'none';
  var debug = false;
  var readyFns = [];
  var errorFns = [];
  var lastError = null;
  var shareHandlers = {};
  function clean(obj) {
    var out = {};
    if (!obj || typeof obj !== 'object') return out;
    for (var k in obj) {
      if (!Object.prototype.hasOwnProperty.call(obj, k)) continue;
      var v = obj[k];
      if (typeof v === 'function') continue;
      try { out[k] = JSON.parse(JSON.stringify(v)); } catch (e) { /* not cloneable: left out */ }
    }
    return out;
  }
  function send(type, payload, cb) {
    if (!inPhone) { cb({ errMsg: (payload.api || 'config') + ':fail, not in WeChat' }); return; }
    var id = ++seq;
    pending[id] = cb;
    global.parent.postMessage({ herald: 'jssdk', id: id, type: type, payload: payload, href: location.href }, '*');
  }
  global.addEventListener('message', function (e) {
    if (e.source !== global.parent) return;
    var d = e.data;
    if (!d || typeof d !== 'object') return;
    if (d.herald === 'jssdk-answer' && pending[d.id]) {
      var cb = pending[d.id];
      delete pending[d.id];
      cb(d.res || {});
    } else if (d.herald === 'jssdk-event' && d.type === 'shared' && shareHandlers[d.api]) {
      var h = shareHandlers[d.api];
      var res = { errMsg: d.api + ':ok' };
      if (debug) alert(JSON.stringify(res));
      if (typeof h.success === 'function') h.success(res);
      if (typeof h.complete === 'function') h.complete(res);
    }
  });
  function finish(api, opts, res) {
    if (debug) alert(JSON.stringify(res));
    var msg = String(res.errMsg || '');
    opts = opts || {};
    if (/:ok$/.test(msg)) { if (typeof opts.success === 'function') opts.success(res); }
    else if (/:cancel$/.test(msg)) { if (typeof opts.cancel === 'function') opts.cancel(res); }
    else if (typeof opts.fail === 'function') opts.fail(res);
    if (typeof opts.complete === 'function') opts.complete(res);
  }
  var wx = {
    config: function (c) {
      c = c || {};
      debug = !!c.debug;
      state = 'checking';
      send('config', { appId: c.appId, timestamp: c.timestamp, nonceStr: c.nonceStr, signature: c.signature, jsApiList: c.jsApiList || [], openTagList: c.openTagList || [] }, function (res) {
        if (debug) alert(JSON.stringify(res));
        if (/:ok$/.test(String(res.errMsg))) {
          state = 'ready';
          var fns = readyFns; readyFns = [];
          fns.forEach(function (fn) { fn(); });
        } else {
          state = 'error';
          lastError = res;
          var efns = errorFns; errorFns = [];
          efns.forEach(function (fn) { fn(res); });
        }
      });
    },
    ready: function (fn) {
      if (typeof fn !== 'function') return;
      if (state === 'ready') fn(); else readyFns.push(fn);
    },
    error: function (fn) {
      if (typeof fn !== 'function') return;
      if (state === 'error') fn(lastError); else errorFns.push(fn);
    }
  };
  APIS.forEach(function (api) {
    wx[api] = function (opts) {
      opts = opts || {};
      if (LEGACY_SHARE[api]) {
        send('call', { api: api, args: clean(opts) }, function (res) {
          if (/:ok$/.test(String(res.errMsg))) { shareHandlers[api] = opts; return; }
          finish(api, opts, res);
        });
        return;
      }
      send('call', { api: api, args: clean(opts) }, function (res) { finish(api, opts, res); });
    };
  });
  wx.miniProgram = {
    navigateTo: function (o) { finish('navigateTo', o, { errMsg: 'navigateTo:fail, not in a mini program' }); },
    getEnv: function (cb) { if (typeof cb === 'function') cb({ miniprogram: false }); }
  };
  global.wx = global.jWeixin = wx;
})(window);
`;
