// Quick fixes for the gateway rule family (and the server TLS rules the Sidecar family shares):
// remove fields Istio rejects or ignores, add a missing `tls` block, change a server's protocol.
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { documentAtLine, localOffset, type PlacedDocument } from '../../parse/parsedFile';
import { allNodes, keyText } from '../../parse/yamlPath';
import { listWords } from '../../util/suggest';
import { quickFix } from './quickFix';
import type { FixContext, FixProvider } from './types';
import { addMappingKey, toTextEdit, type DocumentEdit } from './yamlEdits';

const TLS_FIELDS = ['serverCertificate', 'privateKey', 'caCertificates', 'caCrl', 'tlsCertificates', 'credentialName', 'credentialNames', 'subjectAltNames', 'httpsRedirect'];
const REMOVABLE = new Set([...TLS_FIELDS, 'targetPort']);
const TLS_MODES = new Set(['PASSTHROUGH', 'ISTIO_MUTUAL', 'SIMPLE']);

/** The document a diagnostic sits in and the local offset where it starts. */
export function diagnosticSite({ workspace, document, diagnostic }: FixContext): { placed: PlacedDocument; offset: number } | undefined {
  const file = workspace.file(document.uri);
  const placed = file && documentAtLine(file, diagnostic.range.start.line);
  if (!placed?.doc.yaml) return undefined;
  return { placed, offset: localOffset(placed, diagnostic.range.start) };
}

/** The innermost mapping around `offset` that holds one of `keys`. */
export function mapAround(placed: PlacedDocument, offset: number, keys: readonly string[]): YAMLMap | undefined {
  let best: YAMLMap | undefined;
  for (const node of allNodes(placed.doc.yaml?.contents as Node | null | undefined)) {
    if (!isMap(node) || !node.range || offset < node.range[0] || offset >= node.range[1]) continue;
    if (!(node.items as Pair[]).some((pair) => keys.includes(keyText(pair)))) continue;
    if (!best?.range || node.range[1] - node.range[0] <= best.range[1] - best.range[0]) best = node;
  }
  return best;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((pair) => keyText(pair) === key);
}

/** Where a pair's text ends: its value's last character, trailing line breaks excluded. */
function pairEnd(text: string, pair: Pair): number {
  const value = pair.value as Node | null;
  let end = Math.max((pair.key as Node).range?.[1] ?? 0, value?.range?.[1] ?? 0);
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Sets `key: value` in a mapping: replaces a written value, fills an empty one, or adds the pair. */
export function setMappingValue(placed: PlacedDocument, map: YAMLMap, key: string, value: string): DocumentEdit | undefined {
  const pair = pairOf(map, key);
  if (!pair) return addMappingKey(placed.doc, map, key, value);
  const node = pair.value as Node | null;
  if (node?.range && node.range[1] > node.range[0]) return { start: node.range[0], end: node.range[1], text: value };
  const colon = placed.text.indexOf(':', (pair.key as Node).range?.[1] ?? 0);
  return colon < 0 ? undefined : { start: colon + 1, end: colon + 1, text: ` ${value}` };
}

/**
 * Removes pairs from a mapping, keeping everything else (comments included). A mapping that
 * would be left empty gets `emptied` in place of its first pair, so its key keeps a value.
 */
export function removePairs(placed: PlacedDocument, map: YAMLMap, keys: readonly string[], emptied: string): DocumentEdit[] | undefined {
  const { text, doc } = placed;
  const pairs = map.items as Pair[];
  const removed = pairs.filter((pair) => keys.includes(keyText(pair)));
  if (!removed.length) return undefined;
  const start = (pair: Pair) => (pair.key as Node).range?.[0] ?? 0;
  if (map.flow) {
    const kept = pairs.filter((pair) => !removed.includes(pair)).map((pair) => text.slice(start(pair), pairEnd(text, pair)));
    const close = map.range ? text.lastIndexOf('}', map.range[1]) : -1;
    return map.range && close >= map.range[0] ? [{ start: map.range[0], end: close + 1, text: `{${kept.join(', ')}}` }] : undefined;
  }
  if (removed.length === pairs.length) {
    const [first, ...rest] = removed;
    return [{ start: start(first), end: pairEnd(text, first), text: emptied }, ...rest.map((pair) => removeBlockLines(placed, pair))];
  }
  const edits: DocumentEdit[] = [];
  for (const pair of removed) {
    const lineStart = doc.lines.lineStart(doc.lines.positionAt(start(pair)).line);
    if (/^\s*$/.test(text.slice(lineStart, start(pair)))) {
      edits.push(removeBlockLines(placed, pair));
      continue;
    }
    // The first pair of a list item (`- key: …`): the next pair moves up behind the dash.
    const next = pairs[pairs.indexOf(pair) + 1];
    if (!next || removed.includes(next)) return undefined;
    edits.push({ start: start(pair), end: start(next), text: '' });
  }
  return edits;
}

/** The whole lines of a block pair, from its key's line to the line its value ends on. */
function removeBlockLines({ doc, text }: PlacedDocument, pair: Pair): DocumentEdit {
  const keyStart = (pair.key as Node).range?.[0] ?? 0;
  const first = doc.lines.positionAt(keyStart).line;
  const last = doc.lines.positionAt(pairEnd(text, pair)).line;
  const end = last + 1 < doc.lines.lineCount ? doc.lines.lineStart(last + 1) : text.length;
  return { start: doc.lines.lineStart(first), end, text: '' };
}

function edits(placed: PlacedDocument, documentEdits: readonly DocumentEdit[]): TextEdit[] {
  return documentEdits.map((edit) => toTextEdit(placed, edit));
}

const removeFields: FixProvider = (context) => {
  const { document, diagnostic, data } = context;
  const keys = Array.isArray(data.keys) ? data.keys.filter((key): key is string => typeof key === 'string' && REMOVABLE.has(key)) : [];
  const site = diagnosticSite(context);
  const map = site && keys.length ? mapAround(site.placed, site.offset, keys) : undefined;
  if (!site || !map) return [];
  const actions = [];
  if (data.canTerminate === true) {
    const simple = setMappingValue(site.placed, map, 'mode', 'SIMPLE');
    if (simple) actions.push(quickFix('Terminate TLS here: set `mode: SIMPLE`', document, diagnostic, edits(site.placed, [simple]), true));
  }
  // The zero TLS mode keeps an emptied `tls` block meaning what it meant.
  const emptied = keys.every((key) => TLS_FIELDS.includes(key)) ? 'mode: PASSTHROUGH' : '{}';
  const removal = removePairs(site.placed, map, keys, emptied);
  if (removal) {
    const title = `Remove ${listWords(keys, 'and')}`;
    actions.push(quickFix(title, document, diagnostic, edits(site.placed, removal), actions.length === 0));
  }
  return actions;
};

const addTls: FixProvider = (context) => {
  const { document, diagnostic, data } = context;
  const modes = Array.isArray(data.modes) ? data.modes.filter((mode): mode is string => typeof mode === 'string' && TLS_MODES.has(mode)) : [];
  const site = diagnosticSite(context);
  const server = site && mapAround(site.placed, site.offset, ['port']);
  if (!site || !server || pairOf(server, 'tls')?.value) return [];
  return modes.flatMap((mode, index) => {
    const edit = addMappingKey(site.placed.doc, server, 'tls', { mode });
    return edit ? [quickFix(`Add \`tls\` with \`mode: ${mode}\``, document, diagnostic, edits(site.placed, [edit]), index === 0)] : [];
  });
};

const setProtocol: FixProvider = (context) => {
  const { document, diagnostic, data } = context;
  const protocol = data.protocol === 'HTTPS' || data.protocol === 'TLS' ? data.protocol : undefined;
  const site = diagnosticSite(context);
  const server = site && mapAround(site.placed, site.offset, ['tls']);
  const port = server?.get('port', true);
  if (!site || !server || !protocol) return [];
  const actions = [];
  if (isMap(port)) {
    const protocolNode = port.get('protocol', true);
    const edit = isScalar(protocolNode) && protocolNode.range ? { start: protocolNode.range[0], end: protocolNode.range[1], text: protocol } : setMappingValue(site.placed, port, 'protocol', protocol);
    if (edit) actions.push(quickFix(`Change the protocol to ${protocol}`, document, diagnostic, edits(site.placed, [edit]), true));
  }
  const removal = removePairs(site.placed, server, ['tls'], '{}');
  if (removal) actions.push(quickFix('Remove the `tls` block', document, diagnostic, edits(site.placed, removal)));
  return actions;
};

export const GATEWAY_FIXES: Record<string, FixProvider> = {
  'gateway-remove-fields': removeFields,
  'gateway-add-tls': addTls,
  'gateway-set-protocol': setProtocol,
};
