// The bundled examples/ as a newcomer meets them (`npm start` checks the whole folder): every correct
// folder is clean alone and next to the others, and the mistakes folder reports exactly the codes its
// `# mistake: IEnnn …` comments announce, each on the announced line, and nothing else.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../../server/src/service';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const MISTAKES = 'mistakes';
const FOLDERS = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const CORRECT = FOLDERS.filter((folder) => folder !== MISTAKES);

interface ExampleFile {
  /** `folder/file.yaml`, as reported. */
  path: string;
  uri: string;
  text: string;
}

function yamlFiles(folder: string, below = ''): ExampleFile[] {
  return readdirSync(join(EXAMPLES, folder, below), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relativePath = below ? `${below}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return yamlFiles(folder, relativePath);
      if (!/\.ya?ml$/.test(entry.name)) return [];
      const path = `${folder}/${relativePath}`;
      return [{ path, uri: `file:///examples/${path}`, text: readFileSync(join(EXAMPLES, path), 'utf8') }];
    });
}

/** Every diagnostic of the folders loaded as one workspace, as `folder/file.yaml:line CODE message`. */
function findings(folders: string[]): string[] {
  const service = createLanguageService();
  const files = folders.flatMap((folder) => yamlFiles(folder));
  for (const file of files) service.setWorkspaceFile(file.uri, file.text);
  assert.ok(service.indexedResourceCount() > 0, `no Istio resources in ${folders.join(', ')}`);
  return files.flatMap((file) => service.fileDiagnostics(file.uri).map((d) => `${file.path}:${d.range.start.line + 1} ${d.code} ${d.message}`));
}

/** Findings without their messages, to compare with the announced mistakes. */
const located = (lines: string[]) => lines.map((line) => line.split(' ').slice(0, 2).join(' ')).sort();

/**
 * The mistakes the comments announce, as `folder/file.yaml:line CODE`: a trailing comment names its own
 * line, a comment on a line of its own the next line that is neither blank nor a comment.
 */
function announcedMistakes(): string[] {
  const out: string[] = [];
  for (const file of yamlFiles(MISTAKES)) {
    const lines = file.text.split(/\r?\n/);
    lines.forEach((line, index) => {
      const mistake = /#\s*mistake:\s*(IE\d{3})\b/.exec(line);
      if (!mistake) return;
      let target = index;
      if (line.trimStart().startsWith('#')) {
        do target++;
        while (target < lines.length && (!lines[target].trim() || lines[target].trimStart().startsWith('#')));
        assert.ok(target < lines.length, `${file.path}:${index + 1}: the mistake comment is above no line`);
      }
      out.push(`${file.path}:${target + 1} ${mistake[1]}`);
    });
  }
  return out.sort();
}

describe('the bundled examples', () => {
  it('have correct folders and a mistakes folder', () => {
    assert.ok(FOLDERS.includes(MISTAKES));
    assert.ok(CORRECT.length >= 5, `only ${CORRECT.join(', ')}`);
  });

  for (const folder of CORRECT) {
    it(`${folder} is clean on its own`, () => {
      assert.deepEqual(findings([folder]), []);
    });
  }

  it('the correct folders stay clean together (distinct namespaces and hosts)', () => {
    assert.deepEqual(findings(CORRECT), []);
  });

  it('announce each mistake once, each with its own code', () => {
    const codes = announcedMistakes().map((mistake) => mistake.split(' ')[1]);
    assert.ok(codes.length >= 10, `only ${codes.length} mistakes`);
    assert.deepEqual(
      codes.filter((code, index) => codes.indexOf(code) !== index),
      [],
      'two mistakes share a code',
    );
  });

  it('the mistakes folder reports exactly the announced mistakes, each on its line', () => {
    assert.deepEqual(located(findings([MISTAKES])), announcedMistakes());
  });

  it('the whole examples/ folder reports the announced mistakes and nothing else', () => {
    assert.deepEqual(located(findings(FOLDERS)), announcedMistakes());
  });

  it('list every YAML file in their kustomization.yaml', () => {
    for (const folder of FOLDERS) {
      const kustomization = readFileSync(join(EXAMPLES, folder, 'kustomization.yaml'), 'utf8');
      const listed = [...kustomization.matchAll(/^- (\S+\.ya?ml)$/gm)].map((match) => match[1]).sort();
      const present = yamlFiles(folder)
        .map((file) => file.path.slice(folder.length + 1))
        .filter((name) => name !== 'kustomization.yaml')
        .sort();
      assert.deepEqual(listed, present, `${folder}/kustomization.yaml`);
    }
  });

  it('are described in examples/README.md, the mistakes with their code and file', () => {
    const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
    for (const folder of FOLDERS) assert.ok(readme.includes(`(${folder}/)`), `examples/README.md does not link ${folder}/`);
    for (const mistake of announcedMistakes()) {
      const [path, code] = mistake.split(' ');
      const file = path.split(':')[0].slice(MISTAKES.length + 1);
      assert.match(readme, new RegExp(`^\\| ${code} \\| \`${file}\` \\|`, 'm'), `no row for ${code} in ${file}`);
    }
  });
});
