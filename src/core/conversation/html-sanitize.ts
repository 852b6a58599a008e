import sanitizeHtml from 'sanitize-html';

/**
 * HTML made safe to store, show in the console and mail out (an inbound mail's, or a body posted
 * through the API): no scripts, no event handlers, no `javascript:`
 * links, and no remote resources loaded by default (images only from `cid:` parts, which
 * `cidUrl` rewrites to our attachment URLs, or `data:`).
 */
export function sanitizeBodyHtml(html: string, cidUrl: (cid: string) => string | null = () => null): string {
  return sanitizeHtml(html, {
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
