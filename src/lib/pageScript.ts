/**
 * The one inline script every page carries, run in <head> before the first paint so that a
 * reader who chose 大字 never sees the page jump: it applies the remembered text size, wires
 * the 大字/标准 switch, and at print time opens folded sections and stamps the printed page
 * with its address, its 最后更新 date where the page shows one, and the printing date. The site's Content-Security-Policy allows it by
 * its hash (see src/lib/csp.ts), so it must stay a constant string.
 */
import { createHash } from 'node:crypto';

/** localStorage key of the reader's text size: 'large' or 'standard'. */
export const TEXT_SIZE_KEY = 'gongkai-text-size';

export const PAGE_SCRIPT = `(function(){var d=document.documentElement,k=${JSON.stringify(TEXT_SIZE_KEY)};d.classList.add('js');try{if(localStorage.getItem(k)==='large')d.classList.add('text-large')}catch(e){}
function sync(){var l=d.classList.contains('text-large');document.querySelectorAll('[data-text-size]').forEach(function(b){b.setAttribute('aria-pressed',String((b.getAttribute('data-text-size')==='large')===l))})}
document.addEventListener('DOMContentLoaded',sync);
document.addEventListener('click',function(e){var b=e.target&&e.target.closest&&e.target.closest('[data-text-size]');if(!b)return;var l=b.getAttribute('data-text-size')==='large';d.classList.toggle('text-large',l);try{localStorage.setItem(k,l?'large':'standard')}catch(x){}sync()});
var shut=[];addEventListener('beforeprint',function(){shut=[].slice.call(document.querySelectorAll('details:not([open])'));shut.forEach(function(x){x.open=true});var u=document.getElementById('print-url');if(u)u.textContent=location.href;var t=document.getElementById('print-date');var up=[].filter.call(document.querySelectorAll('.page-history span'),function(x){return x.textContent.indexOf('最后更新')===0})[0];if(t)t.textContent=(up?up.textContent+' · ':'')+'打印日期：'+new Date().toLocaleDateString('zh-CN')});
addEventListener('afterprint',function(){shut.forEach(function(x){x.open=false});shut=[]});})();`;

/** The hash that allows PAGE_SCRIPT in the site's Content-Security-Policy (src/lib/csp.ts). */
export function pageScriptHash(): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}`;
}
