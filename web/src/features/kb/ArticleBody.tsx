import { Typography } from '@mantine/core';

/** An article's body as the server rendered it (Markdown with raw HTML escaped and unsafe links dropped). */
export function ArticleBody({ html, language }: { html: string; language?: string }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML comes from the server's renderMarkdown (html: false, safe links only; tested in kb-images.routes.test.ts and kb.routes.test.ts) */}
      <div lang={language} dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
