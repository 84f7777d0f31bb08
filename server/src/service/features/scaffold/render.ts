// YAML text for generated resources, written the way Istio's docs write them: two-space
// indentation, list items flush with their key, one `---` document per resource, each led by a
// one-line comment saying what it does in the route.
import { Document } from 'yaml';
import type { ScaffoldResource } from './resources';

export function renderResource(resource: ScaffoldResource, lineBreak = '\n'): string {
  const yaml = new Document(resource.value, { aliasDuplicateObjects: false }).toString({ indent: 2, indentSeq: false, lineWidth: 0 });
  return `# ${resource.comment}\n${yaml}`.replace(/\n/g, lineBreak);
}

/** The resources as one multi-document YAML text, ending with a line break. */
export function renderResources(resources: readonly ScaffoldResource[], lineBreak = '\n'): string {
  return resources.map((resource) => renderResource(resource, lineBreak)).join(`---${lineBreak}`);
}
