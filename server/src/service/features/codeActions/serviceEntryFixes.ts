// Quick fixes for the serviceEntry rule family, by the `fix` name their diagnostics carry:
// - `set-resolution` `{ resolution }`: write that resolution, replacing the value or adding the key;
// - `set-port-protocol` `{ protocol }`: add `protocol` to the port whose name is under the diagnostic.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { nodeAtPath } from '../../parse/yamlPath';
import { fixTarget } from './commonFixes';
import { quickFix } from './quickFix';
import { enumValues } from '../../schema/build';
import { PROTOCOL } from '../../schema/common';
import { SE_RESOLUTION } from '../../schema/serviceEntry';
import type { FixProvider } from './types';
import { addMappingKey, replaceSpan, toTextEdit, type DocumentEdit } from './yamlEdits';

const RESOLUTIONS = enumValues(SE_RESOLUTION);
const PROTOCOLS = enumValues(PROTOCOL);

const setResolution: FixProvider = (context) => {
  const { resolution } = context.data;
  const target = fixTarget(context);
  if (typeof resolution !== 'string' || !RESOLUTIONS.has(resolution) || !target) return [];
  const { doc } = target.placed;
  const spec = nodeAtPath(doc.yaml?.contents as Node, ['spec']);
  if (!isMap(spec)) return [];
  const current = spec.get('resolution', true) as Node | undefined;
  let edit: DocumentEdit | undefined;
  if (isScalar(current) && current.range) edit = replaceSpan({ start: current.range[0], end: current.range[1] }, resolution);
  else if (current === undefined) edit = addMappingKey(doc, spec as YAMLMap, 'resolution', resolution);
  if (!edit) return [];
  return [quickFix(`Set resolution: ${resolution}`, context.document, context.diagnostic, [toTextEdit(target.placed, edit)], true)];
};

const setPortProtocol: FixProvider = (context) => {
  const { protocol } = context.data;
  const target = fixTarget(context);
  if (typeof protocol !== 'string' || !PROTOCOLS.has(protocol) || !target) return [];
  const { at, placed } = target;
  // The diagnostic sits on the port's `name` value: spec.ports[i].name.
  const [spec, ports, index, field] = at.path;
  if (spec !== 'spec' || ports !== 'ports' || typeof index !== 'number' || field !== 'name' || at.keyNode) return [];
  const port = nodeAtPath(placed.doc.yaml?.contents as Node, ['spec', 'ports', index]);
  if (!isMap(port) || port.has('protocol')) return [];
  const edit = addMappingKey(placed.doc, port as YAMLMap, 'protocol', protocol);
  return edit ? [quickFix(`Add protocol: ${protocol}`, context.document, context.diagnostic, [toTextEdit(placed, edit)], true)] : [];
};

export const SERVICE_ENTRY_FIXES: Record<string, FixProvider> = { 'set-resolution': setResolution, 'set-port-protocol': setPortProtocol };
