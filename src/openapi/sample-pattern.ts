/**
 * A string matching a regular expression (the JSON Schema `pattern` subset real specs use: anchors,
 * literals, escapes \d \w \s, classes [a-z0-9-] / [^/], groups with |, quantifiers ? * + {n} {n,} {n,m}).
 * Deterministic for a given `random`. Returns undefined when the pattern is beyond this subset.
 */

type Node = { t: 'chars'; set: string } | { t: 'group'; alts: Node[][] } | { t: 'repeat'; node: Node; min: number; max: number };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const WORD = `${LOWER}${LOWER.toUpperCase()}${DIGITS}_`;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const UNBOUNDED_EXTRA = 8;

export function sampleFromPattern(pattern: string, random: () => number): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  let ast: Node[][];
  try {
    ast = new Parser(pattern).parseAlternatives();
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const out = generate({ t: 'group', alts: ast }, random);
    if (regex.test(out)) return out;
  }
  return undefined;
}

function generate(node: Node, random: () => number): string {
  const pick = (n: number): number => Math.floor(random() * n);
  switch (node.t) {
    case 'chars':
      return node.set.length ? node.set[pick(node.set.length)]! : '';
    case 'group': {
      const alt = node.alts[pick(node.alts.length)] ?? [];
      return alt.map((n) => generate(n, random)).join('');
    }
    case 'repeat': {
      const count = node.min + pick(node.max - node.min + 1);
      let s = '';
      for (let i = 0; i < count; i++) s += generate(node.node, random);
      return s;
    }
  }
}

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parseAlternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.src.length) {
      const c = this.src[this.i]!;
      if (c === ')') break;
      this.i++;
      if (c === '|') {
        alts.push([]);
        continue;
      }
      if (c === '^' || c === '$') continue;
      let atom: Node;
      if (c === '(') {
        if (this.src.startsWith('?:', this.i)) this.i += 2;
        else if (this.src[this.i] === '?') throw new Error('lookaround');
        atom = { t: 'group', alts: this.parseAlternatives() };
        if (this.src[this.i] !== ')') throw new Error('unclosed group');
        this.i++;
      } else if (c === '[') atom = this.parseClass();
      else if (c === '\\') atom = { t: 'chars', set: this.parseEscape() };
      else if (c === '.') atom = { t: 'chars', set: WORD };
      else atom = { t: 'chars', set: c };
      alts[alts.length - 1]!.push(this.parseQuantifier(atom));
    }
    return alts;
  }

  private parseQuantifier(atom: Node): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, UNBOUNDED_EXTRA];
    else if (c === '+') [min, max] = [1, UNBOUNDED_EXTRA];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + UNBOUNDED_EXTRA;
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: same language
    return { t: 'repeat', node: atom, min, max };
  }

  private parseEscape(): string {
    const c = this.src[this.i++];
    if (c === undefined) throw new Error('dangling escape');
    if (c === 'd') return DIGITS;
    if (c === 'w') return WORD;
    if (c === 's') return ' ';
    if (c === 'D' || c === 'W' || c === 'S') return complement(c === 'D' ? DIGITS : c === 'W' ? WORD : ' \t\n');
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'u') {
      const hex = this.src.slice(this.i, this.i + 4);
      this.i += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (/[bB]/.test(c)) throw new Error('word boundary');
    return c;
  }

  private parseClass(): Node {
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let set = '';
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let c = this.src[this.i++]!;
      if (c === '\\') {
        const esc = this.parseEscape();
        if (esc.length > 1) {
          set += esc;
          continue;
        }
        c = esc;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let end = this.src[this.i++]!;
        if (end === '\\') end = this.parseEscape();
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) set += String.fromCharCode(code);
      } else set += c;
    }
    if (this.src[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
    return { t: 'chars', set: negate ? complement(set) : set };
  }
}

const complement = (set: string): string => [...PRINTABLE].filter((ch) => !set.includes(ch) && ch !== '/').join('') || 'x';
