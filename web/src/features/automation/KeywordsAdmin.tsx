import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileImport, IconPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingLines } from '../../app/ui/States.tsx';
import { useAdminMutation } from '../admin/useAdminMutation.ts';
import { usePeople } from '../lookups/useLookups.ts';
import { automationKeys, type KeywordRoute, type KeywordRow, replaceKeywords } from './api.ts';
import { fieldProblem } from './field-errors.ts';
import { type CsvLine, parseKeywordCsv } from './keyword-csv.ts';
import { keywordsQuery } from './queries.ts';
import { SaveProblem } from './shared.tsx';

type Row = { keyword: string; agentId: string | null; departmentId: string | null };

const toRows = (routes: KeywordRoute[]): Row[] => routes.map((r) => ({ ...r }));
const toBody = (rows: Row[]): KeywordRow[] =>
  rows.map((r) => ({ keyword: r.keyword.trim(), agent: r.agentId, department: r.departmentId }));

/**
 * Anexo A (Cimatic): a module code anywhere in a ticket's description assigns the consultant who
 * knows it. The table is edited here and saved whole; a spreadsheet can replace it from CSV.
 */
export function KeywordsAdmin() {
  const { t } = useTranslation();
  const keywords = useQuery(keywordsQuery);
  const { agents, departments } = usePeople();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [preview, setPreview] = useState<{ file: string; lines: CsvLine[] } | null>(null);
  const save = useAdminMutation(replaceKeywords, {
    refresh: [[...automationKeys.keywords]],
    onSuccess: (saved) => {
      setRows(toRows(saved));
      setPreview(null);
    },
  });

  // The editable copy starts from what the server holds, and again after each save.
  useEffect(() => {
    if (keywords.data && rows === null) setRows(toRows(keywords.data));
  }, [keywords.data, rows]);

  if (keywords.isPending || rows === null) {
    return keywords.isError ? (
      <LoadError error={keywords.error} onRetry={() => void keywords.refetch()} />
    ) : (
      <LoadingLines />
    );
  }

  const problem = save.isError ? fieldProblem(save.error) : null;
  // `rows[3].agent` → the fourth row (or, while importing, the fourth line of the preview).
  const badRow = problem ? Number(/^rows\[(\d+)\]/.exec(problem.field)?.[1] ?? -1) : -1;
  const agentOptions = agents.filter((a) => a.active !== false).map((a) => ({ value: a.id, label: a.name }));
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const dirty = JSON.stringify(toBody(rows)) !== JSON.stringify(toBody(toRows(keywords.data ?? [])));
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function readFile(file: File | null) {
    if (!file) return;
    setPreview({ file: file.name, lines: parseKeywordCsv(await file.text(), { agents, departments }) });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} maw={680}>
          <Text c="dimmed" fz="sm">
            {t('automation.keywords.intro')}
          </Text>
          <Text c="dimmed" fz="xs">
            {t('automation.keywords.csvHint')}
          </Text>
        </Stack>
        <FileButton onChange={(file) => void readFile(file)} accept=".csv,text/csv,text/plain">
          {(props) => (
            <Button {...props} variant="light" leftSection={<IconFileImport size={16} aria-hidden="true" />}>
              {t('automation.keywords.import')}
            </Button>
          )}
        </FileButton>
      </Group>

      {preview ? (
        <CsvPreview
          preview={preview}
          badLine={badRow >= 0 ? (preview.lines[badRow]?.line ?? null) : null}
          error={save.error}
          saving={save.isPending}
          onCancel={() => {
            setPreview(null);
            save.reset();
          }}
          onImport={() =>
            save.mutate(
              preview.lines.map((l) => ({
                keyword: l.keyword,
                agent: l.agentId,
                department: l.departmentId,
              })),
            )
          }
        />
      ) : (
        <>
          <SaveProblem error={save.error} />
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing={6} aria-label={t('admin.sections.keywords')} miw={620}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={200}>{t('automation.keywords.keyword')}</Table.Th>
                  <Table.Th>{t('automation.keywords.agent')}</Table.Th>
                  <Table.Th>{t('automation.keywords.department')}</Table.Th>
                  <Table.Th w={50} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text fz="sm" c="dimmed">
                        {t('automation.keywords.none')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {rows.map((row, i) => {
                  const n = { n: i + 1 };
                  const wrong = badRow === i ? t('automation.invalidHere', { named: problem?.named ?? '' }) : undefined;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: draft rows have no id; the server names them by position
                    <Table.Tr key={i}>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={t('automation.keywords.keywordOf', n)}
                          value={row.keyword}
                          onChange={(e) => update(i, { keyword: e.currentTarget.value.toUpperCase() })}
                          error={problem?.field === `rows[${i}].keyword` ? wrong : undefined}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label={t('automation.keywords.agentOf', { keyword: row.keyword || i + 1 })}
                          data={agentOptions}
                          value={row.agentId}
                          searchable
                          clearable
                          onChange={(agentId) => update(i, { agentId })}
                          error={
                            problem?.field === `rows[${i}].agent` || problem?.field === `rows[${i}]` ? wrong : undefined
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label={t('automation.keywords.departmentOf', { keyword: row.keyword || i + 1 })}
                          data={departmentOptions}
                          value={row.departmentId}
                          searchable
                          clearable
                          onChange={(departmentId) => update(i, { departmentId })}
                          error={problem?.field === `rows[${i}].department` ? wrong : undefined}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('automation.keywords.remove', { keyword: row.keyword || i + 1 })}
                          onClick={() => setRows(rows.filter((_, j) => j !== i))}
                        >
                          <IconX size={16} aria-hidden="true" />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
          <Group justify="space-between">
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setRows([...rows, { keyword: '', agentId: null, departmentId: null }])}
            >
              {t('automation.keywords.add')}
            </Button>
            <Group gap="xs">
              {dirty && (
                <Button variant="default" onClick={() => setRows(toRows(keywords.data ?? []))}>
                  {t('automation.keywords.discard')}
                </Button>
              )}
              <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(toBody(rows))}>
                {t('automation.keywords.save')}
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** Every line of the file with what it would do or why it cannot; importing waits until none is wrong. */
function CsvPreview({
  preview,
  badLine,
  error,
  saving,
  onCancel,
  onImport,
}: {
  preview: { file: string; lines: CsvLine[] };
  badLine: number | null;
  error: unknown;
  saving: boolean;
  onCancel: () => void;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const { agentById, departmentById } = usePeople();
  const wrong = preview.lines.filter((l) => l.problems.length > 0).length;
  const title = t('automation.keywords.previewOf', { file: preview.file });
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Text fw={600}>{title}</Text>
        {preview.lines.length === 0 ? (
          <Alert color="orange" variant="light">
            {t('automation.keywords.emptyFile')}
          </Alert>
        ) : wrong > 0 ? (
          <Alert color="red" variant="light" role="alert">
            {t('automation.keywords.linesWrong', { count: wrong })}
          </Alert>
        ) : (
          <Text fz="sm">{t('automation.keywords.replaceWarning', { count: preview.lines.length })}</Text>
        )}
        <SaveProblem error={error} />
        <div style={{ overflowX: 'auto' }}>
          <Table verticalSpacing={4} aria-label={t('automation.keywords.previewTable')} miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('automation.keywords.line')}</Table.Th>
                <Table.Th>{t('automation.keywords.keyword')}</Table.Th>
                <Table.Th>{t('automation.keywords.agent')}</Table.Th>
                <Table.Th>{t('automation.keywords.department')}</Table.Th>
                <Table.Th>{t('automation.keywords.check')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.lines.map((line) => {
                const bad = line.problems.length > 0 || line.line === badLine;
                return (
                  <Table.Tr key={line.line} data-line={line.line} bg={bad ? 'var(--mantine-color-red-0)' : undefined}>
                    <Table.Td>{line.line}</Table.Td>
                    <Table.Td ff="monospace">{line.keyword || '—'}</Table.Td>
                    <Table.Td>{line.agentId ? agentById.get(line.agentId)?.name : line.agent || '—'}</Table.Td>
                    <Table.Td>
                      {line.departmentId ? departmentById.get(line.departmentId)?.name : line.department || '—'}
                    </Table.Td>
                    <Table.Td>
                      {bad ? (
                        <Text fz="sm" c="red.8">
                          {line.problems.length > 0
                            ? line.problems
                                .map((p) =>
                                  t(`automation.keywords.problems.${p}`, {
                                    agent: line.agent,
                                    department: line.department,
                                  }),
                                )
                                .join(' ')
                            : t('automation.keywords.problems.server')}
                        </Text>
                      ) : (
                        <Badge color="teal" variant="light" size="sm" tt="none">
                          {t('automation.keywords.ok')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('automation.cancel')}
          </Button>
          <Button disabled={wrong > 0 || preview.lines.length === 0} loading={saving} onClick={onImport}>
            {t('automation.keywords.importCount', { count: preview.lines.length })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
