package aieditor.desk;

import com.microsoft.playwright.Page;

import java.util.List;

/**
 * Accessibility checks run inside the page (axe-core has no WebJar on the registry this project builds from, so the
 * rules that matter most here are checked directly): the page has a language and a title, ids are unique, every
 * form control, button and link has an accessible name, images have a text alternative, and text has the WCAG AA
 * contrast against its background (4.5:1, 3:1 for large text; disabled controls are exempt, as WCAG has them).
 */
final class PageChecks {
    private PageChecks() {
    }

    private static final String SCRIPT = """
            () => {
              const problems = [];
              const where = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
              if (!document.documentElement.lang) problems.push('html has no lang');
              if (!document.title.trim()) problems.push('page has no title');
              const ids = new Map();
              document.querySelectorAll('[id]').forEach((el) => ids.set(el.id, (ids.get(el.id) || 0) + 1));
              ids.forEach((n, id) => { if (n > 1) problems.push('duplicate id ' + id); });
              const named = (el) => (el.getAttribute('aria-label') || '').trim()
                || (el.getAttribute('aria-labelledby') || '').split(' ').map((i) => document.getElementById(i)?.textContent || '').join('').trim()
                || (el.labels && Array.from(el.labels).map((l) => l.textContent).join('').trim())
                || (el.getAttribute('title') || '').trim();
              document.querySelectorAll('input:not([type=hidden]), textarea, select').forEach((el) => {
                if (!named(el)) problems.push('control without a label: ' + where(el));
              });
              document.querySelectorAll('button, a[href]').forEach((el) => {
                if (!el.textContent.trim() && !named(el)) problems.push('button or link without a name: ' + where(el));
              });
              document.querySelectorAll('img').forEach((el) => { if (!el.hasAttribute('alt')) problems.push('img without alt'); });
              document.querySelectorAll('svg[role=img]').forEach((el) => { if (!named(el)) problems.push('svg image without a name'); });
              document.querySelectorAll('iframe').forEach((el) => { if (!el.title) problems.push('iframe without a title'); });
              const rgb = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
              const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
              const background = (el) => {
                for (let e = el; e; e = e.parentElement) {
                  const c = rgb(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0.9) return c;
                }
                return { r: 255, g: 255, b: 255, a: 1 };
              };
              document.querySelectorAll('body *').forEach((el) => {
                const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
                if (!text || el.closest('[disabled], :disabled, .sr-only') || el.offsetParent === null) return;
                const style = getComputedStyle(el);
                const fg = rgb(style.color);
                if (!fg) return;
                const bg = background(el);
                const l1 = lum(fg); const l2 = lum(bg);
                const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                const size = parseFloat(style.fontSize); const bold = Number(style.fontWeight) >= 700;
                const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                if (ratio < needed) problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ' for "' + text.slice(0, 40) + '" (' + where(el) + ')');
              });
              return problems;
            }
            """;

    @SuppressWarnings("unchecked")
    static List<String> problems(Page page) {
        return (List<String>) page.evaluate(SCRIPT);
    }
}
