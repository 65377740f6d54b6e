/**
 * The script Herald's proxy puts first in every page the in-app browser shows (docs/WEB-APPS.md,
 * "The in-app browser"). The page's address on Herald is `/h5/<scheme>/<host><path>`; this
 * script makes the page behave as if it were at `<scheme>://<host><path>`: links, forms,
 * fetch, XMLHttpRequest, window.open and history entries that name the developer's own
 * addresses (relative, absolute-path or absolute) go through the proxy; WeChat's authorize URL
 * goes to Herald's authorize page. It tells the phone the page's title and address (and on a
 * snapshot page where its "使用完整服务" bar leads), and adds
 * WeChat's words to navigator.userAgent. It changes nothing in the page's HTML.
 *
 * Open tags: once the phone says a wx.config listing them succeeded (`jssdk-event` `openTags`),
 * the bridge defines them; each draws its slot (`<script type="text/wxtag-template">` or
 * `<template>`) in its shadow root, as WeChat draws it in its own frame. One function per tag.
 */
export const BRIDGE_SOURCE = String.raw`(function () {
  'use strict';
  if (window.__heraldBridge) return;
  window.__heraldBridge = true;
  var PREFIX = '/h5/';
  var UA_TAIL = ' MicroMessenger/8.0.47.2560(0x28002F35) NetType/WIFI Language/zh_CN';
  function pageUrl() {
    var m = /^\/h5\/(https?)\/([^\/?#]+)(.*)$/.exec(location.pathname + location.search + location.hash);
    if (!m) return location.href;
    return m[1] + '://' + m[2] + (m[3] && m[3].charAt(0) === '/' ? m[3] : '/' + (m[3] || ''));
  }
  window.__heraldPageUrl = pageUrl;
  var AUTHORIZE = /^https?:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize(\?|$)/i;
  function map(raw) {
    if (typeof raw !== 'string' && !(raw instanceof URL)) return raw;
    var text = String(raw);
    var u;
    try { u = new URL(text, pageUrl()); } catch (e) { return raw; }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return raw;
    if (u.origin === location.origin) return u.pathname + u.search + u.hash;
    if (AUTHORIZE.test(u.href)) {
      u.searchParams.set('h5', '1');
      return '/connect/oauth2/authorize' + u.search;
    }
    return PREFIX + u.protocol.slice(0, -1) + '/' + u.host + u.pathname + u.search + u.hash;
  }
  window.__heraldMap = map;
  try {
    var ua = navigator.userAgent + UA_TAIL;
    Object.defineProperty(navigator, 'userAgent', { get: function () { return ua; }, configurable: true });
  } catch (e) { /* the browser keeps its own */ }
  var origFetch = window.fetch;
  if (origFetch) {
    window.fetch = function (input, init) {
      if (typeof input === 'string' || input instanceof URL) return origFetch.call(this, map(input), init);
      return origFetch.call(this, input, init);
    };
  }
  var origOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    args[1] = map(url);
    return origOpen.apply(this, args);
  };
  var origWindowOpen = window.open;
  window.open = function (url) {
    var args = Array.prototype.slice.call(arguments);
    if (url) args[0] = map(url);
    return origWindowOpen.apply(window, args);
  };
  ['pushState', 'replaceState'].forEach(function (name) {
    var orig = history[name];
    history[name] = function (state, title, url) {
      var r = url === undefined || url === null ? orig.call(history, state, title) : orig.call(history, state, title, map(url));
      report();
      return r;
    };
  });
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a) return;
    var href = a.getAttribute('href');
    if (!href || href.charAt(0) === '#') return;
    var mapped = map(href);
    if (mapped !== href) a.setAttribute('href', mapped);
  }, true);
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f && f.getAttribute) {
      var action = f.getAttribute('action');
      f.setAttribute('action', map(action === null || action === '' ? pageUrl() : action));
    }
  }, true);
  var origSubmit = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function () {
    var action = this.getAttribute('action');
    this.setAttribute('action', map(action === null || action === '' ? pageUrl() : action));
    return origSubmit.call(this);
  };
  /* A snapshot page (快照页): where the phone's "使用完整服务" bar leads (set by the proxy). */
  var fullService = (document.currentScript && document.currentScript.getAttribute('data-herald-full-service')) || null;
  function report() {
    if (window.parent === window) return;
    window.parent.postMessage({ herald: 'h5', type: 'page', title: document.title, url: pageUrl(), shownAt: location.href, fullService: fullService }, '*');
  }
  document.addEventListener('DOMContentLoaded', function () {
    report();
    var title = document.querySelector('title');
    if (title && window.MutationObserver) new MutationObserver(report).observe(title, { childList: true, characterData: true, subtree: true });
  });
  window.addEventListener('load', report);
  report();

  /* Open tags: the phone enables the ones a successful wx.config listed (openTagList). */
  var openTagFns = { 'wx-open-subscribe': defineOpenSubscribe, 'wx-open-launch-weapp': launchWeappTag };
  var openTagSeq = 0;
  var openTagPending = {};
  window.addEventListener('message', function (e) {
    if (e.source !== window.parent || !e.data || typeof e.data !== 'object') return;
    var d = e.data;
    if (d.herald === 'jssdk-event' && d.type === 'openTags' && Array.isArray(d.tags)) {
      d.tags.forEach(function (tag) { if (openTagFns[tag]) openTagFns[tag](); });
    } else if (d.herald === 'open-tag-answer' && openTagPending[d.id]) {
      var el = openTagPending[d.id];
      delete openTagPending[d.id];
      el.dispatchEvent(new CustomEvent(d.event === 'success' ? 'success' : 'error', { detail: d.detail || {} }));
    }
  });
  /** Draws an open tag's slot in its shadow root: WeChat's <script type="text/wxtag-template"> parts, or a <template>. */
  function drawSlot(el) {
    var root = el.shadowRoot || el.attachShadow({ mode: 'open' });
    var html = '';
    for (var i = 0; i < el.children.length; i++) {
      var c = el.children[i];
      if (c.tagName === 'SCRIPT' && String(c.getAttribute('type')).toLowerCase() === 'text/wxtag-template') html += c.textContent;
      else if (c.tagName === 'TEMPLATE') html += c.innerHTML;
    }
    root.innerHTML = html;
  }
  /** Asks the phone to run an open tag; the answer comes back as the tag's success or error event. */
  function askPhone(el, tag, payload) {
    if (window.parent === window) return;
    var id = ++openTagSeq;
    openTagPending[id] = el;
    window.parent.postMessage({ herald: 'open-tag', id: id, tag: tag, payload: payload, href: location.href }, '*');
  }
  /** <wx-open-subscribe template="id1,id2">: a click opens the phone's subscribe sheet. */
  function defineOpenSubscribe() {
    if (!window.customElements || customElements.get('wx-open-subscribe')) return;
    customElements.define('wx-open-subscribe', class extends HTMLElement {
      connectedCallback() {
        var el = this;
        drawSlot(el);
        if (window.MutationObserver && !el.__heraldSlot) {
          el.__heraldSlot = new MutationObserver(function () { drawSlot(el); });
          el.__heraldSlot.observe(el, { childList: true, subtree: true, characterData: true });
        }
        if (!el.__heraldClick) {
          el.__heraldClick = true;
          el.addEventListener('click', function () { askPhone(el, 'wx-open-subscribe', { template: el.getAttribute('template') || '' }); });
        }
      }
    });
    }

  // The open tag <wx-open-launch-weapp username|appid path> (commerce §1.5): its
  // <script type="text/wxtag-template"> shows as the button; a tap asks the phone to open the
  // mini program (scene 1167) and fires 'launch', a tag without a mini program fires 'error'.
  function launchWeappTag() {
    if (!window.customElements || window.customElements.get('wx-open-launch-weapp')) return;
    function fire(el, name, detail) {
      el.dispatchEvent(new CustomEvent(name, { detail: detail }));
    }
    function LaunchWeapp() { return Reflect.construct(HTMLElement, [], LaunchWeapp); }
    LaunchWeapp.prototype = Object.create(HTMLElement.prototype);
    LaunchWeapp.prototype.constructor = LaunchWeapp;
    Object.setPrototypeOf(LaunchWeapp, HTMLElement);
    LaunchWeapp.prototype.connectedCallback = function () {
      var el = this;
      if (el.__heraldLaunch) return;
      el.__heraldLaunch = true;
      var root = el.attachShadow ? el.attachShadow({ mode: 'open' }) : el;
      var tpl = el.querySelector('script[type="text/wxtag-template"], template');
      var holder = document.createElement('div');
      holder.style.cursor = 'pointer';
      holder.setAttribute('role', 'button');
      holder.setAttribute('tabindex', '0');
      holder.innerHTML = tpl ? (tpl.content ? tpl.innerHTML : tpl.textContent) : '';
      root.appendChild(holder);
      function launch() {
        var id = el.getAttribute('appid') || el.getAttribute('username') || '';
        if (!id) { fire(el, 'error', { errMsg: 'launch:fail, appid or username is required' }); return; }
        if (window.parent === window) { fire(el, 'error', { errMsg: 'launch:fail, not in WeChat' }); return; }
        window.parent.postMessage({ herald: 'h5', type: 'launch-weapp', id: id, path: el.getAttribute('path') || '', extraData: el.getAttribute('extra-data') || '' }, '*');
        fire(el, 'launch', { errMsg: 'launch:ok' });
      }
      holder.addEventListener('click', launch);
      holder.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); launch(); } });
    };
    window.customElements.define('wx-open-launch-weapp', LaunchWeapp);
  }
})();
`;
