import { Type } from 'typebox';
import { VIEW_COLUMNS, VIEW_DENSITIES } from '../../core/views/view-layout.ts';

const Column = Type.Enum(VIEW_COLUMNS);
const Density = Type.Enum(VIEW_DENSITIES);

export const ViewLayoutSchema = Type.Object({
  columns: Type.Array(Column),
  density: Density,
  custom: Type.Boolean({ description: 'False while the agent has chosen nothing for this view (the defaults apply)' }),
});

export const ViewLayoutBody = Type.Object(
  {
    columns: Type.Array(Column, { minItems: 1, maxItems: VIEW_COLUMNS.length }),
    density: Density,
  },
  { additionalProperties: false },
);
