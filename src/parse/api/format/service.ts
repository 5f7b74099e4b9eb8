/**
 * Layout of services (goctl pkg/parser/api/ast/servicestatement.go): `@server`, the service block,
 * and each route with its `@doc` and `@handler`.
 *
 * Legacy grammar comes out as the current one: `@doc("x")` as `@doc "x"`, and a route's
 * `@server(handler: X)` as `@handler X`.
 */
import type { AtDocStmt, AtServerStmt, BodyExpr, BodyStmt, RouteStmt, ServiceItem, ServiceStmt } from '../ast.js';
import { type GroupOptions, groupPiece } from './groups.js';
import { type Note, type Piece, Tok, copyTok, freeze, isZeroString, piece, trailingOrder } from './piece.js';
import type { SourceLines } from './source.js';

function atServerPiece(lines: SourceLines, stmt: AtServerStmt, options: GroupOptions = {}): Piece {
  return groupPiece(lines, { keyword: stmt.atServer, lparen: stmt.lparen, values: stmt.values, rparen: stmt.rparen }, 'server', options);
}

function atDocPiece(lines: SourceLines, doc: AtDocStmt): Piece {
  if (doc.kind === 'AtDocGroupStmt') {
    return groupPiece(lines, { keyword: doc.atDoc, lparen: doc.lparen, values: doc.values, rparen: doc.rparen }, 'doc');
  }
  const atDoc = lines.tok(doc.atDoc);
  let value = lines.tok(doc.value);
  if (doc.rparen) value = new Tok(value.text, value.line, value.head, [...value.trailing, ...lines.notes(doc.rparen.trailing)]);
  return keywordAndName(lines, atDoc, value);
}

/** `@doc "x"` or `@handler name`: comments between the two words are dropped. */
function keywordAndName(lines: SourceLines, keyword: Tok, name: Tok): Piece {
  return piece({ pos: keyword.pos, end: name.end, hasHead: keyword.hasHead, hasTrailing: name.hasTrailing }, (prefix) => {
    if (isZeroString(name)) return '';
    return lines.sheet().line([copyTok(keyword, { prefix, dropTrailing: true }), copyTok(name, { dropHead: true })], { sameLine: true }).toString();
  });
}

/**
 * The route's handler annotation. A legacy `@server(handler: X)` with no other key becomes
 * `@handler X`: the comments before `@server` stay before it (they document the route), all others
 * move to the end of the `@handler` line. Any other legacy `@server` is kept as written.
 */
function handlerPiece(lines: SourceLines, item: ServiceItem): Piece {
  if (item.atHandler) return keywordAndName(lines, lines.tok(item.atHandler.atHandler), lines.tok(item.atHandler.name));
  const legacy = item.legacyAtServer as AtServerStmt;
  const handler = legacy.values[0];
  if (legacy.values.length !== 1 || handler?.key.token.text !== 'handler' || handler.valueKind !== 'ident') {
    return atServerPiece(lines, legacy, { keepEmpty: true });
  }
  const atServer = lines.tok(legacy.atServer);
  const value = lines.tok(handler.value);
  const moved: Note[] = [
    ...atServer.trailing,
    ...lines.notes(legacy.lparen.head),
    ...lines.notes(legacy.lparen.trailing),
    ...lines.notes(handler.key.head),
    ...lines.notes(handler.key.trailing),
    ...value.head,
    ...value.trailing,
    ...lines.notes(legacy.rparen.head),
    ...lines.notes(legacy.rparen.trailing),
  ];
  const keyword = new Tok('@handler', atServer.line, atServer.head);
  return keywordAndName(lines, keyword, new Tok(value.text, atServer.line, [], trailingOrder(moved)));
}

/**
 * `Type`, `*Type`, `[]Type`, `[]*Type`. goctl drops comments on `[`, `]` and `*`, yet breaks the
 * line before a dropped head comment; formatted again, it joins it. We join it at once.
 */
function bodyExprPiece(lines: SourceLines, expr: BodyExpr): Piece {
  const value = lines.tok(expr.value);
  const marks = [expr.lbrack, expr.rbrack, expr.star].flatMap((t) => (t ? [lines.tok(t)] : []));
  const first = marks[0] ?? value;
  const hasHead = marks.length === 0 && value.hasHead;
  return piece({ pos: hasHead ? first.pos : first.line, end: value.end, hasHead, hasTrailing: value.hasTrailing }, () => {
    if (marks.length === 0) return lines.sheet().line([value]).toString();
    const bare = marks.map((t) => copyTok(t, { dropHead: true, dropTrailing: true }));
    return lines.sheet().line([...bare, value], { infix: '', sameLine: true }).toString();
  });
}

/**
 * `(Body)`. Empty parentheses print nothing, their comments included; goctl still lets those
 * comments break the route line (undone when formatted again), we do not.
 */
function bodyPiece(lines: SourceLines, body: BodyStmt, dropRparenHead: boolean): Piece {
  const lparen = lines.tok(body.lparen);
  const rparen = copyTok(lines.tok(body.rparen), { dropHead: dropRparenHead });
  const expr = body.body ? bodyExprPiece(lines, body.body) : undefined;
  if (!expr) return piece({ pos: lparen.line, end: rparen.line, hasHead: false, hasTrailing: false }, () => '');
  return piece({ pos: lparen.pos, end: rparen.end, hasHead: lparen.hasHead, hasTrailing: rparen.hasTrailing }, () => {
    return lines.sheet().line([lparen, expr, rparen], { infix: '', sameLine: true }).toString();
  });
}

/**
 * `method /path (Request) returns (Response)`; `()` and `returns ()` disappear, as does `;`.
 * goctl drops comments after the path and yet breaks the line there when one was a line comment;
 * formatted again, it joins the line. We join it at once.
 */
function routePiece(lines: SourceLines, route: RouteStmt): Piece {
  const method = lines.tok(route.method);
  const path = lines.tok(route.path.value, { head: false });
  const pathOnly = piece({ pos: path.pos, end: path.end, hasHead: false, hasTrailing: false }, (prefix) => prefix + path.text);
  const returns = route.returns ? lines.tok(route.returns) : undefined;
  const response = route.response ? bodyPiece(lines, route.response, true) : undefined;
  // goctl drops a head comment before the request's `)` only when no response follows; `returns ()`
  // is no response once formatted, so we treat it as none at once.
  const request = route.request ? bodyPiece(lines, route.request, !route.response?.body) : undefined;
  const last = response ?? returns ?? request ?? path;
  const end = response ? response.end : returns ? returns.pos : last.end;
  return piece({ pos: method.pos, end, hasHead: method.hasHead, hasTrailing: last.hasTrailing }, (prefix) => {
    const head = copyTok(method, { prefix, dropTrailing: true });
    let parts: Piece[];
    if (response && returns) {
      parts = route.response?.body ? [head, pathOnly, ...(request ? [request] : []), returns, response] : [head, pathOnly, ...(request ? [request] : [])];
    } else if (request) {
      parts = [head, pathOnly, request];
    } else {
      parts = [head, copyTok(path, { dropHead: true })];
    }
    return lines.sheet().line(parts, { sameLine: true }).toString();
  });
}

function itemPiece(lines: SourceLines, item: ServiceItem): Piece {
  const doc = item.atDoc ? atDocPiece(lines, item.atDoc) : undefined;
  const handler = handlerPiece(lines, item);
  const route = routePiece(lines, item.route);
  const first = doc ?? handler;
  return piece({ pos: first.pos, end: route.end, hasHead: first.hasHead, hasTrailing: route.hasTrailing }, (prefix) => {
    const sheet = lines.sheet();
    // goctl writes an empty line for a `@doc ""` it drops; formatted again, the line goes. We skip it.
    const docText = doc ? doc.render(prefix) : '';
    if (docText !== '') sheet.write(docText).newline();
    sheet.write(handler.render(prefix)).newline();
    return sheet.line([freeze(route, prefix)]).newline().toString();
  });
}

export function servicePiece(lines: SourceLines, stmt: ServiceStmt): Piece {
  const atServer = stmt.atServer ? atServerPiece(lines, stmt.atServer) : undefined;
  const service = lines.tok(stmt.service);
  const nameTok = lines.tok(stmt.name, { head: false });
  const name = piece({ pos: nameTok.pos, end: nameTok.end, hasHead: false, hasTrailing: nameTok.hasTrailing }, () =>
    lines.sheet().write(nameTok.render('')).toString(),
  );
  const lbrace = lines.tok(stmt.lbrace);
  const rbrace = lines.tok(stmt.rbrace);
  const items = stmt.items.map((item) => itemPiece(lines, item));
  const first = atServer ?? service;
  return piece({ pos: first.pos, end: rbrace.end, hasHead: first.hasHead, hasTrailing: rbrace.hasTrailing }, (prefix) => {
    const sheet = lines.sheet();
    const atServerText = atServer ? atServer.render('') : '';
    if (atServerText !== '') sheet.write(atServerText).newline();
    sheet.line([copyTok(service, { prefix }), name, lbrace], { sameLine: true });
    if (items.length === 0) {
      // goctl glues `}` to the `{` line even after a line comment, which comments the brace out,
      // and even after comments of its own, which then trail `{` when formatted again.
      const lastTrailing = lbrace.trailing[lbrace.trailing.length - 1];
      if (lastTrailing?.text.startsWith('//') || rbrace.head.length > 0) sheet.newline();
      return sheet.line([copyTok(rbrace, { prefix })]).toString();
    }
    sheet.newline();
    items.forEach((item, i) => {
      sheet.line([freeze(item, `${prefix}\t`)]);
      if (i < items.length - 1) sheet.newline();
    });
    return sheet.line([copyTok(rbrace, { prefix })]).toString();
  });
}
