// Correct configurations in the shapes of Istio's documentation must come out clean.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';

const CORPUS = join(__dirname, '..', '..', 'fixtures', 'clean');

describe('no false alarms on correct configurations', () => {
  for (const directory of readdirSync(CORPUS, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    it(directory.name, () => {
      const service = createLanguageService();
      const files = readdirSync(join(CORPUS, directory.name)).filter((name) => name.endsWith('.yaml'));
      for (const name of files) service.setWorkspaceFile(`file:///clean/${directory.name}/${name}`, readFileSync(join(CORPUS, directory.name, name), 'utf8'));
      const problems = files.flatMap((name) =>
        service
          .fileDiagnostics(`file:///clean/${directory.name}/${name}`)
          .filter((d) => d.severity !== DiagnosticSeverity.Hint)
          .map((d) => `${name}:${d.range.start.line + 1}: ${d.code} ${d.message}`),
      );
      assert.deepEqual(problems, []);
      assert.ok(service.indexedResourceCount() > 0);
    });
  }
});
