import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Lints `source` placed at `filePath` (inside a throw-away folder at the same depth), the way CI
 * lints the tree. Biome reports no diagnostics for stdin, so the probe is a real file.
 */
function lint(filePath: string, source: string) {
  const [top, area, , ...rest] = filePath.split('/');
  const probeDir = path.join(
    ROOT,
    top as string,
    area as string,
    `zz-probe-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  const file = path.join(probeDir, ...rest);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, source);
  try {
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/biome'), ['lint', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { failed: result.status !== 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
}

describe('the import directions of the architecture', () => {
  it('fails the lint when the domain imports the HTTP layer', () => {
    const result = lint(
      'src/core/tickets/ticket.service.ts',
      "import { signedIn } from '../../http/plugins/auth.ts';\nexport const x = signedIn;\n",
    );
    expect(result.failed).toBe(true);
    expect(result.output).toContain('core never imports the HTTP layer');
  });

  it('fails the lint when a domain service imports Kysely, but not a repository', () => {
    const source = "import { sql } from 'kysely';\nexport const x = sql;\n";
    expect(lint('src/core/tickets/ticket.service.ts', source)).toMatchObject({ failed: true });
    expect(lint('src/core/tickets/ticket.repository.ts', source)).toMatchObject({ failed: false });
  });

  it('fails the lint when the domain imports a channel or Fastify', () => {
    expect(
      lint('src/core/x/y.service.ts', "import { a } from '../../channels/email/sender.ts';\nexport const b = a;\n")
        .failed,
    ).toBe(true);
    expect(lint('src/core/x/y.service.ts', "import Fastify from 'fastify';\nexport const b = Fastify;\n").failed).toBe(
      true,
    );
  });

  it('fails the lint when code outside config reads process.env', () => {
    expect(lint('src/http/routes/x.routes.ts', 'export const port = process.env.PORT;\n').failed).toBe(true);
    expect(lint('src/config/sub/config.ts', 'export const port = process.env.PORT;\n').failed).toBe(false);
  });
});
