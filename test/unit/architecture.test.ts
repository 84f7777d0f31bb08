// The language service stays pure: no LSP connection, no VS Code, no file system. The shells around
// it (client, command line) depend on it, never the other way round.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1] ?? m[2]);
}

describe('architecture', () => {
  it('server/src/service imports neither the LSP connection, VS Code, Node I/O nor the server', () => {
    const forbidden = /^(vscode|vscode-languageserver(\/.*)?|vscode-languageclient(\/.*)?|(node:)?(fs|child_process|net|http|https)(\/.*)?)$/;
    const offenders: string[] = [];
    for (const file of sources(join(ROOT, 'server/src/service'))) {
      for (const spec of imports(file)) {
        const leavesService = spec.startsWith('.') && !join(file, '..', spec).startsWith(join(ROOT, 'server/src/service'));
        if (forbidden.test(spec) || leavesService) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the client imports only VS Code, the language client and the shared protocol', () => {
    const offenders = sources(join(ROOT, 'client/src')).flatMap((file) =>
      imports(file)
        .filter((spec) => !/^(vscode|vscode-languageclient(\/node)?|node:.*)$/.test(spec) && !spec.endsWith('/server/src/protocol') && !spec.startsWith('./'))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('the command line uses the public service surface, the workspace file walker, Node and its own libraries', () => {
    const cli = join(ROOT, 'server/src/cli');
    const packages = /^(node:.+|commander|tinyglobby|picocolors|diff|yaml|sarif|vscode-languageserver-types|vscode-languageserver-textdocument)$/;
    const modules = [join(ROOT, 'server/src/service'), join(ROOT, 'server/src/workspace/fileWalker')];
    const offenders = sources(cli).flatMap((file) =>
      imports(file)
        .filter((spec) => {
          if (!spec.startsWith('.')) return !packages.test(spec);
          const target = join(file, '..', spec);
          return !target.startsWith(`${cli}/`) && !modules.includes(target);
        })
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('nothing else imports the command line', () => {
    const cli = join(ROOT, 'server/src/cli');
    const outside = [...sources(join(ROOT, 'server/src')), ...sources(join(ROOT, 'client/src'))].filter((file) => !file.startsWith(`${cli}/`));
    const offenders = outside.flatMap((file) => imports(file).filter((spec) => spec.startsWith('.') && join(file, '..', spec).startsWith(cli)).map((spec) => `${relative(ROOT, file)} imports ${spec}`));
    assert.deepEqual(offenders, []);
  });

  it('keeps source files small', () => {
    const large = [...sources(join(ROOT, 'server/src')), ...sources(join(ROOT, 'client/src'))]
      .map((file) => [relative(ROOT, file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 300);
    assert.deepEqual(large, []);
  });
});
