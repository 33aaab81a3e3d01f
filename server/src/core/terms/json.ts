/**
 * A small JSON reader that keeps the offset of every value and reports the first syntax
 * error at an exact offset with a reason of its own. `JSON.parse` is not used: its
 * messages and positions differ between Node versions, and it forgets where values were,
 * which the glossary diagnostics need.
 */

export type JsonValue = JsonObject | JsonArray | JsonScalar;

interface JsonNodeBase {
  /** Offset of the value's first character. */
  readonly start: number;
  /** Offset just after the value's last character. */
  readonly end: number;
}

export interface JsonProperty {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonValue;
}

export interface JsonObject extends JsonNodeBase {
  readonly kind: 'object';
  readonly properties: readonly JsonProperty[];
}

export interface JsonArray extends JsonNodeBase {
  readonly kind: 'array';
  readonly items: readonly JsonValue[];
}

export interface JsonScalar extends JsonNodeBase {
  readonly kind: 'string' | 'number' | 'boolean' | 'null';
  readonly value: string | number | boolean | null;
}

export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/** Objects and arrays nested deeper than this are refused rather than risking the stack. */
const MAX_DEPTH = 200;

class SyntaxFailure {
  constructor(readonly offset: number, readonly message: string) {}
}

/**
 * Reads `text` as one JSON value (a leading byte order mark is skipped). Never throws:
 * returns the value, or `value: undefined` and the first syntax error.
 */
export function readJson(text: string): { value?: JsonValue; error?: JsonSyntaxError } {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (message: string, at = pos): never => {
    throw new SyntaxFailure(at, message);
  };
  const describe = (at: number): string =>
    at >= text.length ? 'end of file' : `'${String.fromCodePoint(text.codePointAt(at)!)}'`;
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else if (c === 0x2f && (text.charCodeAt(pos + 1) === 0x2f || text.charCodeAt(pos + 1) === 0x2a)) {
        fail('comments are not allowed in JSON');
      } else return;
    }
  };

  const readString = (): JsonScalar => {
    const start = pos;
    pos++; // opening quote
    let value = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        return { kind: 'string', value, start, end: pos };
      }
      if (c < 0x20) fail(c === 0x0a || c === 0x0d ? 'unterminated string (line break inside a string)' : 'control character in string');
      if (c === 0x5c) {
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          pos += 2;
        } else if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape: four hex digits expected');
          value += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else {
          fail(`invalid escape '\\${e ?? ''}'`);
        }
        continue;
      }
      value += text[pos];
      pos++;
    }
  };

  const readNumber = (): JsonScalar => {
    const start = pos;
    if (text[pos] === '-') pos++;
    if (text[pos] === '0') pos++;
    else if (text[pos] >= '1' && text[pos] <= '9') while (text[pos] >= '0' && text[pos] <= '9') pos++;
    else fail(`invalid number: digit expected, found ${describe(pos)}`);
    if (text[pos] === '.') {
      pos++;
      if (!(text[pos] >= '0' && text[pos] <= '9')) fail('invalid number: digit expected after the decimal point');
      while (text[pos] >= '0' && text[pos] <= '9') pos++;
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++;
      if (text[pos] === '+' || text[pos] === '-') pos++;
      if (!(text[pos] >= '0' && text[pos] <= '9')) fail('invalid number: digit expected in the exponent');
      while (text[pos] >= '0' && text[pos] <= '9') pos++;
    }
    return { kind: 'number', value: Number(text.slice(start, pos)), start, end: pos };
  };

  const readValue = (depth: number): JsonValue => {
    skipSpace();
    if (depth > MAX_DEPTH) fail('nesting too deep');
    const c = text[pos];
    const start = pos;
    if (c === '{') {
      pos++;
      const properties: JsonProperty[] = [];
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return { kind: 'object', properties, start, end: pos };
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') {
          fail(text[pos] === '}' && properties.length > 0 ? 'trailing comma before \'}\'' : `property name in double quotes expected, found ${describe(pos)}`);
        }
        const key = readString();
        skipSpace();
        if (text[pos] !== ':') fail(`':' expected after property name, found ${describe(pos)}`);
        pos++;
        const value = readValue(depth + 1);
        properties.push({ key: key.value as string, keyStart: key.start, keyEnd: key.end, value });
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { kind: 'object', properties, start, end: pos };
        }
        fail(`',' or '}' expected after property value, found ${describe(pos)}`);
      }
    }
    if (c === '[') {
      pos++;
      const items: JsonValue[] = [];
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return { kind: 'array', items, start, end: pos };
      }
      for (;;) {
        skipSpace();
        if (text[pos] === ']' && items.length > 0) fail('trailing comma before \']\'');
        items.push(readValue(depth + 1));
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { kind: 'array', items, start, end: pos };
        }
        fail(`',' or ']' expected after array item, found ${describe(pos)}`);
      }
    }
    if (c === '"') return readString();
    if (c === '-' || (c >= '0' && c <= '9')) return readNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { kind: value === null ? 'null' : 'boolean', value, start, end: pos };
      }
    }
    return fail(pos >= text.length ? 'unexpected end of file: value expected' : `value expected, found ${describe(pos)}`);
  };

  try {
    const value = readValue(0);
    skipSpace();
    if (pos < text.length) fail(`end of file expected after the top-level value, found ${describe(pos)}`);
    return { value };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { error: { offset: e.offset, message: e.message } };
    throw e;
  }
}
