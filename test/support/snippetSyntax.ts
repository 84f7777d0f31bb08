// VS Code's snippet syntax (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar),
// modelled strictly enough to expand a snippet as the editor first shows it and to catch what
// VS Code would silently insert as text.


type FormatPart = string | { group: number; modifier?: string; ifSet?: string; ifUnset?: string };
interface Transform {
  regex: RegExp;
  format: FormatPart[];
}
type Node =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; transform?: Transform }
  | { type: 'placeholder'; index: number; children: Node[] }
  | { type: 'choice'; index: number; options: string[] }
  | { type: 'variable'; name: string; children?: Node[]; transform?: Transform };

/** Variables VS Code resolves, with plausible values for a file `egress/routes.yaml`. */
const VARIABLES: Record<string, string> = {
  TM_FILENAME: 'routes.yaml',
  TM_FILENAME_BASE: 'routes',
  TM_DIRECTORY: '/workspace/egress',
  TM_FILEPATH: '/workspace/egress/routes.yaml',
  RELATIVE_FILEPATH: 'egress/routes.yaml',
  WORKSPACE_NAME: 'workspace',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  CURRENT_YEAR: '2025',
  LINE_COMMENT: '#',
};

/** Parses a snippet body strictly: anything VS Code would silently take as text (an unclosed `${`, a bare `$`) is an error. */
export function parseSnippet(source: string): Node[] {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at ${pos}: …${source.slice(Math.max(0, pos - 20), pos + 20)}…`);
  };
  const int = () => {
    const digits = /^\d+/.exec(source.slice(pos))?.[0];
    if (digits) pos += digits.length;
    return digits === undefined ? undefined : Number(digits);
  };
  const name = () => {
    const word = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(source.slice(pos))?.[0];
    if (word) pos += word.length;
    return word;
  };
  const expect = (char: string) => (source[pos] === char ? pos++ : fail(`expected '${char}'`));
  /** Text up to an unescaped `stop`; a backslash before one of `escapable` is dropped, before anything else kept. */
  const until = (stop: string, escapable: string) => {
    let out = '';
    for (;;) {
      if (pos >= source.length) fail(`unclosed: expected '${stop}'`);
      const char = source[pos];
      if (char === '\\' && pos + 1 < source.length) {
        const next = source[pos + 1];
        out += escapable.includes(next) ? next : `\\${next}`;
        pos += 2;
      } else if (stop.includes(char)) return out;
      else {
        out += char;
        pos++;
      }
    }
  };
  const transform = (): Transform => {
    expect('/');
    const regex = until('/', '/');
    expect('/');
    const format: FormatPart[] = [];
    while (source[pos] !== '/') {
      if (pos >= source.length) fail('unclosed transform');
      if (source[pos] === '$') {
        pos++;
        const bare = int();
        if (bare !== undefined) {
          format.push({ group: bare });
          continue;
        }
        expect('{');
        const group = int() ?? fail('expected a group number');
        if (source[pos] === '}') format.push({ group });
        else {
          expect(':');
          const modifier = /^\/(upcase|downcase|capitalize|camelcase|pascalcase)/.exec(source.slice(pos));
          if (modifier) {
            pos += modifier[0].length;
            format.push({ group, modifier: modifier[1] });
          } else if (source[pos] === '+') {
            pos++;
            format.push({ group, ifSet: until('}', '}\\$') });
          } else if (source[pos] === '?') {
            pos++;
            const ifSet = until(':', ':\\$');
            expect(':');
            format.push({ group, ifSet, ifUnset: until('}', '}\\$') });
          } else {
            if (source[pos] === '-') pos++;
            format.push({ group, ifUnset: until('}', '}\\$') });
          }
        }
        expect('}');
      } else format.push(until('$/', '$/\\'));
    }
    expect('/');
    const options = /^[gimsuy]*/.exec(source.slice(pos))![0];
    pos += options.length;
    return { regex: new RegExp(regex, options), format };
  };
  const nodes = (closing: boolean): Node[] => {
    const out: Node[] = [];
    for (;;) {
      if (pos >= source.length) return closing ? fail("unclosed '${'") : out;
      const char = source[pos];
      if (char === '}' && closing) {
        pos++;
        return out;
      }
      if (char !== '$') {
        out.push({ type: 'text', value: until(closing ? '$}' : '$', '$}\\') });
        continue;
      }
      pos++;
      const bareIndex = int();
      if (bareIndex !== undefined) out.push({ type: 'tabstop', index: bareIndex });
      else if (source[pos] !== '{') {
        const variable = name() ?? fail("a bare '$' must be written '\\$'");
        out.push({ type: 'variable', name: variable });
      } else {
        pos++;
        const index = int();
        const variable = index === undefined ? (name() ?? fail("'${' starts neither a tab stop nor a variable")) : undefined;
        if (source[pos] === '}') {
          pos++;
          out.push(index !== undefined ? { type: 'tabstop', index } : { type: 'variable', name: variable! });
        } else if (source[pos] === ':') {
          pos++;
          const children = nodes(true);
          out.push(index !== undefined ? { type: 'placeholder', index, children } : { type: 'variable', name: variable!, children });
        } else if (source[pos] === '|' && index !== undefined) {
          pos++;
          const options: string[] = [];
          for (;;) {
            options.push(until(',|', ',|\\$}'));
            if (source[pos++] === '|') break;
          }
          expect('}');
          out.push({ type: 'choice', index, options });
        } else if (source[pos] === '/') {
          const t = transform();
          expect('}');
          out.push(index !== undefined ? { type: 'tabstop', index, transform: t } : { type: 'variable', name: variable!, transform: t });
        } else fail("unexpected character after '${'");
      }
    }
  };
  return nodes(false);
}

export function walk(nodes: Node[], visit: (node: Node) => void): void {
  for (const node of nodes) {
    visit(node);
    if ((node.type === 'placeholder' || node.type === 'variable') && node.children) walk(node.children, visit);
  }
}

function applyTransform(value: string, { regex, format }: Transform): string {
  const render = (match: RegExpExecArray) =>
    format
      .map((part) => {
        if (typeof part === 'string') return part;
        const group = match[part.group] ?? '';
        if (part.modifier === 'upcase') return group.toUpperCase();
        if (part.modifier === 'downcase') return group.toLowerCase();
        if (part.modifier === 'capitalize') return group.charAt(0).toUpperCase() + group.slice(1);
        if (part.modifier) throw new Error(`modifier ${part.modifier} not modelled by this test`);
        if (part.ifSet !== undefined) return group ? part.ifSet : (part.ifUnset ?? '');
        return group || (part.ifUnset ?? '');
      })
      .join('');
  if (!regex.global) {
    const match = regex.exec(value);
    return match ? value.slice(0, match.index) + render(match) + value.slice(match.index + match[0].length) : value;
  }
  let out = '';
  let last = 0;
  for (const match of value.matchAll(regex)) {
    out += value.slice(last, match.index) + render(match);
    last = match.index + match[0].length;
  }
  return out + value.slice(last);
}

/** The text VS Code inserts before the user types, or after the user typed `typed[n]` over tab stop n. */
export function expand(source: string, typed: Record<number, string> = {}): string {
  const tree = parseSnippet(source);
  const definitions = new Map<number, Node>();
  walk(tree, (node) => {
    if (node.type === 'placeholder' || node.type === 'choice') definitions.set(node.index, node);
  });
  const valueOf = (index: number): string => {
    if (typed[index] !== undefined) return typed[index];
    const definition = definitions.get(index);
    if (definition?.type === 'choice') return definition.options[0];
    if (definition?.type === 'placeholder') return render(definition.children);
    return '';
  };
  const render = (nodes: Node[]): string =>
    nodes
      .map((node) => {
        switch (node.type) {
          case 'text':
            return node.value;
          case 'tabstop':
            return node.transform ? applyTransform(valueOf(node.index), node.transform) : valueOf(node.index);
          case 'placeholder':
          case 'choice':
            return valueOf(node.index);
          case 'variable': {
            const value = VARIABLES[node.name] ?? (node.children ? render(node.children) : '');
            return node.transform ? applyTransform(value, node.transform) : value;
          }
        }
      })
      .join('');
  return render(tree);
}

/** Problems a snippet body has that VS Code would not report: it would insert something else. */
export function syntaxProblems(source: string): string[] {
  let tree: Node[];
  try {
    tree = parseSnippet(source);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  const defined = new Map<number, number>();
  const used = new Set<number>();
  let finals = 0;
  walk(tree, (node) => {
    if (node.type === 'variable' && !(node.name in VARIABLES)) problems.push(`unknown variable ${node.name} (escape the '$')`);
    if (node.type === 'text' || node.type === 'variable') return;
    used.add(node.index);
    if (node.index === 0) finals++;
    if (node.type === 'placeholder' || node.type === 'choice') defined.set(node.index, (defined.get(node.index) ?? 0) + 1);
  });
  if (finals > 1) problems.push('$0 more than once');
  const numbered = [...used].filter((index) => index > 0).sort((a, b) => a - b);
  numbered.forEach((index, i) => {
    if (index !== i + 1) problems.push(`tab stops skip from ${numbered[i - 1] ?? 0} to ${index}`);
    if ((defined.get(index) ?? 0) !== 1) problems.push(`tab stop ${index} has ${defined.get(index) ?? 0} defaults (mirrors need exactly one)`);
  });
  return [...new Set(problems)];
}
