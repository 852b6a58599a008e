/**
 * Anexo A from a spreadsheet: `keyword,agent[,department]` per line (`;` also separates, as Excel
 * in Spanish writes it), an optional header line, cells in quotes or not. The server reads CSV the
 * same way; reading it here first lets the admin see every line and every problem before importing.
 */

export type CsvProblem = 'emptyKeyword' | 'unknownAgent' | 'unknownDepartment' | 'noTarget' | 'duplicate';

export type CsvLine = {
  /** Line number in the file, counting from 1, so the admin can find it in the spreadsheet. */
  line: number;
  keyword: string;
  agent: string;
  department: string;
  agentId: string | null;
  departmentId: string | null;
  problems: CsvProblem[];
};

type Named = { id: string; name: string; email?: string | null };

const HEADER = /^(keyword|palabra|clave|c[oó]digo|m[oó]dulo)/i;

/** Case- and accent-blind, as the server compares names ("Eleazar Gonzalez" = "Eleazar González"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function find<T extends Named>(items: readonly T[], ref: string): T | undefined {
  const key = fold(ref);
  return items.find(
    (i) => i.id === ref || fold(i.name) === key || (typeof i.email === 'string' && fold(i.email) === key),
  );
}

export function parseKeywordCsv(
  text: string,
  people: { agents: readonly Named[]; departments: readonly Named[] },
): CsvLine[] {
  const lines: CsvLine[] = [];
  const seen = new Set<string>();
  let first = true;
  for (const [index, raw] of text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .entries()) {
    const cells = raw.split(/[,;]/).map((cell) =>
      cell
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
    if (!cells.some((c) => c !== '')) continue;
    const header = first && HEADER.test(cells[0] ?? '');
    first = false;
    if (header) continue;
    const [keywordCell = '', agent = '', department = ''] = cells;
    const keyword = keywordCell.toUpperCase();
    const agentHit = agent ? find(people.agents, agent) : undefined;
    const departmentHit = department ? find(people.departments, department) : undefined;
    const problems: CsvProblem[] = [];
    if (!keyword) problems.push('emptyKeyword');
    if (agent && !agentHit) problems.push('unknownAgent');
    if (department && !departmentHit) problems.push('unknownDepartment');
    if (!agent && !department) problems.push('noTarget');
    if (keyword && seen.has(keyword)) problems.push('duplicate');
    if (keyword) seen.add(keyword);
    lines.push({
      line: index + 1,
      keyword,
      agent,
      department,
      agentId: agentHit?.id ?? null,
      departmentId: departmentHit?.id ?? null,
      problems,
    });
  }
  return lines;
}
