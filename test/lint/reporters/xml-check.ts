/**
 * A tiny XML well-formedness check and reader for the JUnit reporter's output (no XML library is a
 * dependency): tags balance, attributes are quoted, text and attribute values hold only the five
 * predefined entities or character references. Returns the element tree with entities decoded.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const TOKEN = /<\?xml[^?]*\?>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let index = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(xml); match !== null; match = TOKEN.exec(xml)) {
    index = TOKEN.lastIndex;
    const [, close, name, attrs, selfClose, text] = match;
    const top = stack[stack.length - 1]!;
    if (text !== undefined) {
      if (stack.length === 1 && text.trim() !== '') throw new Error(`text outside the root element: ${text}`);
      top.text += decode(text);
    } else if (name === undefined) {
      continue; // XML declaration
    } else if (close === '/') {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name, attributes: readAttributes(attrs ?? ''), children: [], text: '' };
      if (stack.length === 1 && root.children.length > 0) throw new Error('more than one root element');
      top.children.push(element);
      if (selfClose !== '/') stack.push(element);
    }
  }
  if (index !== xml.length) throw new Error(`not well-formed at offset ${index}: ${xml.slice(index, index + 40)}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0]!;
}

function readAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
    if (name! in attributes) throw new Error(`duplicate attribute ${name}`);
    attributes[name!] = decode(value!);
  }
  return attributes;
}

function decode(value: string): string {
  const rest = value.replace(ENTITY, '');
  if (rest.includes('&')) throw new Error(`unescaped & in ${JSON.stringify(value)}`);
  if (rest.includes('>') && rest.includes(']]>')) throw new Error(`]]> in text`);
  return value.replace(ENTITY, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) =>
    named !== undefined ? NAMED[named]! : String.fromCodePoint(dec !== undefined ? Number(dec) : parseInt(hex!, 16)),
  );
}

export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}
