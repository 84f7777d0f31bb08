// The `add-destination-port` quick fix (IE306): `{ ports: number[] }`, one action per port,
// each adding `port: {number: N}` to the destination whose `host` the diagnostic is on.
import { isMap, type Node } from 'yaml';
import { documentAtLine, localOffset } from '../../parse/parsedFile';
import { locate } from '../../parse/yamlPath';
import { quickFix } from './quickFix';
import type { FixProvider } from './types';
import { addMappingKey, toTextEdit } from './yamlEdits';

const addDestinationPort: FixProvider = ({ document, diagnostic, data, workspace }) => {
  const ports = Array.isArray(data.ports) ? data.ports.filter((port): port is number => Number.isInteger(port) && port > 0 && port <= 65535) : [];
  const file = workspace.file(document.uri);
  // Only edit a parse of exactly the text the client has.
  if (!ports.length || !file || file.text !== document.getText()) return [];
  const placed = documentAtLine(file, diagnostic.range.start.line);
  const root = placed?.doc.yaml?.contents as Node | undefined;
  if (!placed || !root) return [];
  const at = locate(root, localOffset(placed, diagnostic.range.start));
  const destination = at.parentMap;
  if (at.path[at.path.length - 1] !== 'host' || !isMap(destination) || destination.has('port')) return [];
  return ports.slice(0, 5).flatMap((port) => {
    const edit = addMappingKey(placed.doc, destination, 'port', { number: port });
    return edit ? [quickFix(`Add port ${port} to the destination`, document, diagnostic, [toTextEdit(placed, edit)], ports.length === 1)] : [];
  });
};

export const DESTINATION_PORT_FIXES: Record<string, FixProvider> = { 'add-destination-port': addDestinationPort };
