import sanitizeHtml from 'sanitize-html';

/**
 * HTML made safe to store, show in the console and mail out (an inbound mail's, or a body posted
 * through the API): no scripts, no event handlers, no `javascript:`
 * links, and no remote resources loaded by default (images only from `cid:` parts, which
 * `cidUrl` rewrites to our attachment URLs, or `data:`).
 */
export function sanitizeBodyHtml(html: string, cidUrl: (cid: string) => string | null = () => null): string {
  return sanitizeHtml(capNesting(html), {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'u', 's'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color'],
      td: ['colspan', 'rowspan', 'align'],
      th: ['colspan', 'rowspan', 'align'],
      '*': ['style', 'dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowProtocolRelative: false,
    allowedStyles: {
      '*': {
        color: [/^[#a-z0-9(),.\s%]+$/i],
        'background-color': [/^[#a-z0-9(),.\s%]+$/i],
        'text-align': [/^(left|right|center|justify)$/],
        'font-weight': [/^(normal|bold|\d{3})$/],
        'font-style': [/^(normal|italic)$/],
      },
    },
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (src.toLowerCase().startsWith('cid:')) {
          const url = cidUrl(src.slice(4));
          return url
            ? { tagName, attribs: { ...attribs, src: url } }
            : { tagName, attribs: { alt: attribs.alt ?? '' } };
        }
        return { tagName, attribs };
      },
    },
    // The rewritten attachment URLs are ours (relative); everything else stays behind its scheme rules.
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

/** Deeper than any real mail's layout tables; beyond it the parser's work grows with depth squared. */
export const MAX_HTML_DEPTH = 100;

const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);
// Tags the parser closes by itself when a sibling opens: they never nest deep, so they do not count.
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'option', 'optgroup', 'rt', 'rp']);

/**
 * Drops the tags nested deeper than `maxDepth` (their text stays), in one linear pass: 200,000
 * nested <div> otherwise keep the HTML parser busy for minutes.
 */
export function capNesting(html: string, maxDepth = MAX_HTML_DEPTH): string {
  // [^<>]* stops at the next "<", so an unclosed "<" never makes the scan go back over the text.
  const tags = /<(\/?)([a-zA-Z][\w:-]*)([^<>]*)>/g;
  const kept: string[] = [];
  let depth = 0;
  let from = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    const [tag, closing, name = '', rest = ''] = match;
    const lower = name.toLowerCase();
    let drop: boolean;
    if (VOID_TAGS.has(lower) || SELF_CLOSING_SIBLINGS.has(lower) || rest.endsWith('/')) drop = depth > maxDepth;
    else if (closing) {
      drop = depth > maxDepth;
      depth = Math.max(0, depth - 1);
    } else drop = ++depth > maxDepth;
    if (!drop) continue;
    kept.push(html.slice(from, match.index));
    from = match.index + tag.length;
  }
  if (from === 0) return html;
  kept.push(html.slice(from));
  return kept.join('');
}
