import { describe, expect, it } from 'vitest';
import { parseKeywordCsv } from './keyword-csv.ts';

const people = {
  agents: [
    { id: 'a1', name: 'Eleazar González', email: 'eleazar@cimatic.test' },
    { id: 'a2', name: 'Silvia Luna', email: 'silvia@cimatic.test' },
  ],
  departments: [{ id: 'd1', name: 'Consultoría' }],
};

describe('reading the Anexo A keyword table from CSV', () => {
  it('skips the header and blank lines, takes comma or semicolon, and finds agents by name or email, accents aside', () => {
    const lines = parseKeywordCsv(
      'Código,Consultor,Departamento\n\nsl-ap,Eleazar Gonzalez\n"XA-CFDI";silvia@cimatic.test;consultoria\r\n',
      people,
    );
    expect(lines).toEqual([
      expect.objectContaining({ line: 3, keyword: 'SL-AP', agentId: 'a1', departmentId: null, problems: [] }),
      expect.objectContaining({ line: 4, keyword: 'XA-CFDI', agentId: 'a2', departmentId: 'd1', problems: [] }),
    ]);
  });

  it('says what is wrong on each line, with the line number of the file', () => {
    const lines = parseKeywordCsv(
      'SL-AP,Eleazar González\nSL-GL,Nadie Conocido\n,Silvia Luna\nSL-AP,Silvia Luna\nSL-X',
      people,
    );
    expect(lines.map((l) => [l.line, l.problems])).toEqual([
      [1, []],
      [2, ['unknownAgent']],
      [3, ['emptyKeyword']],
      [4, ['duplicate']],
      [5, ['noTarget']],
    ]);
  });
});
