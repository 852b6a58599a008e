import { type Static, Type } from 'typebox';
import { ListQuery } from './common.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Slug = Type.String({
  minLength: 1,
  maxLength: 120,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'Lower-case letters, digits and single hyphens: the last part of the article’s URL',
});
const Language = Type.Union([Type.Literal('es'), Type.Literal('en')]);
const Visibility = Type.Union([Type.Literal('public'), Type.Literal('internal')], {
  description: 'public: help centre and portal; internal: agents only',
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 });
const Title = Type.String({ minLength: 1, maxLength: 200 });
const Body = Type.String({ maxLength: 200_000, description: 'Markdown; raw HTML is shown as text' });

export const KbCategorySchema = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CreateKbCategoryBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    slug: Type.Optional(Slug),
    parentId: Type.Optional(Nullable(Id)),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export const UpdateKbCategoryBody = Type.Partial(CreateKbCategoryBody, { additionalProperties: false });

const articleFields = {
  id: Type.String(),
  categoryId: Nullable(Type.String()),
  title: Type.String(),
  slug: Type.String(),
  body: Type.String(),
  language: Language,
  translationOf: Nullable(Type.String()),
  visibility: Visibility,
  position: Type.Integer(),
  tags: Type.Array(Type.String()),
  authorId: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
  revision: Type.Integer(),
  helpfulYes: Type.Integer(),
  helpfulNo: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
export const KbArticleSchema = Type.Object(articleFields);
export const KbArticleDetailSchema = Type.Object({
  ...articleFields,
  html: Type.String({ description: 'The body rendered to safe HTML' }),
  text: Type.String({ description: 'The body as plain text, for inserting into a reply' }),
  translations: Type.Array(
    Type.Object({
      id: Type.String(),
      slug: Type.String(),
      title: Type.String(),
      language: Language,
      visibility: Visibility,
    }),
  ),
});

export const CreateKbArticleBody = Type.Object(
  {
    title: Title,
    slug: Type.Optional(Slug),
    body: Body,
    categoryId: Type.Optional(Nullable(Id)),
    language: Type.Optional(Language),
    translationOf: Type.Optional(Nullable(Id)),
    visibility: Type.Optional(Visibility),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false },
);
export const UpdateKbArticleBody = Type.Partial(CreateKbArticleBody, { additionalProperties: false });
export type KbArticleBody = Static<typeof CreateKbArticleBody>;

export const KbArticleListQuery = Type.Object(
  {
    ...ListQuery,
    q: Type.Optional(Type.String({ maxLength: 200 })),
    categoryId: Type.Optional(Id),
    visibility: Type.Optional(Visibility),
    language: Type.Optional(Language),
    tag: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

const revisionFields = {
  id: Type.String(),
  articleId: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  slug: Type.String(),
  body: Type.String(),
  categoryId: Nullable(Type.String()),
  visibility: Visibility,
  language: Language,
  tags: Type.Array(Type.String()),
  authorId: Nullable(Type.String()),
  restoredFrom: Nullable(Type.Integer()),
  createdAt: Type.String(),
};
export const KbRevisionSchema = Type.Object(revisionFields);
export const KbRevisionDetailSchema = Type.Object({
  ...revisionFields,
  diff: Type.Array(
    Type.Object({
      op: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]),
      text: Type.String(),
    }),
  ),
});
export const RevisionParams = Type.Object(
  { id: Id, number: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const RevisionQuery = Type.Object(
  {
    against: Type.Optional(
      Type.Union([Type.Literal('previous'), Type.Literal('current')], {
        description: 'previous (default): what this revision changed; current: from it to the text now',
      }),
    ),
  },
  { additionalProperties: false },
);

export const KbPreviewBody = Type.Object({ body: Body }, { additionalProperties: false });
export const KbPreviewSchema = Type.Object({ html: Type.String() });

export const KbImageSchema = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
  markdown: Type.String({ description: 'The Markdown that shows the image, to put in the body' }),
});
export const KbImageParams = Type.Object({ id: Id }, { additionalProperties: false });

export const DeflectionSchema = Type.Object({
  suggestionsOpened: Type.Integer(),
  ticketsAvoided: Type.Integer(),
  ticketsCreated: Type.Integer(),
  pending: Type.Integer(),
});

// --- the public help centre and the portal's suggestions ---

export const HelpArticleSummarySchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  categoryId: Nullable(Type.String()),
  language: Language,
  excerpt: Type.String(),
  updatedAt: Type.String(),
});

const Outline = Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), title: Type.String() }));
const categoryNode = {
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  articles: Outline,
};
export const HelpTreeSchema = Type.Object({
  categories: Type.Array(
    Type.Object({
      ...categoryNode,
      children: Type.Array(Type.Object({ ...categoryNode, children: Type.Array(Type.Unknown(), { maxItems: 0 }) })),
    }),
  ),
});

const Neighbour = Nullable(Type.Object({ slug: Type.String(), title: Type.String() }));
const CategoryRef = Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() });
export const HelpArticleSchema = Type.Object({
  ...HelpArticleSummarySchema.properties,
  html: Type.String(),
  tags: Type.Array(Type.String()),
  category: Nullable(Type.Object({ ...CategoryRef.properties, parent: Nullable(CategoryRef) })),
  previous: Neighbour,
  next: Neighbour,
  translations: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), language: Language })),
  helpfulYes: Type.Integer(),
  helpfulNo: Type.Integer(),
});

export const HelpArticleListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export const SlugParams = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 120 }) },
  { additionalProperties: false },
);
export const FeedbackBody = Type.Object({ helpful: Type.Boolean() }, { additionalProperties: false });
export const FeedbackSchema = Type.Object({ helpfulYes: Type.Integer(), helpfulNo: Type.Integer() });

export const SuggestionQuery = Type.Object(
  { subject: Type.String({ maxLength: 300 }) },
  { additionalProperties: false },
);
export const SuggestionOpenedBody = Type.Object(
  { articleId: Id, subject: Type.String({ maxLength: 300 }) },
  { additionalProperties: false },
);
