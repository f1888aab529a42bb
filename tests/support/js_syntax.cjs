// Parses scripts as an older browser would (acorn, from tests/package.json) and lists what in
// them such a browser lacks. Called by tests/reader/test_reader_old_engines.py with one JSON
// argument: [{path, ecmaVersion, sourceType, newer: [name, …]}, …]; prints a JSON list of
// problems, "path:line:column what".
//
// - syntax newer than ecmaVersion (acorn's own check: ?. and ?? are ES2020, class fields
//   ES2022, a RegExp's named groups, lookbehind, \p{…} and the s flag ES2018);
// - a RegExp lookbehind (?<= or (?<! at any level: ES2018, but Safari has it only since 16.4,
//   and a literal one is a syntax error there that stops the whole file;
// - a call of a method or function named in `newer` (node.replaceChildren(), s.replaceAll(),
//   a.at(), structuredClone(), Promise.allSettled(), …), which throws where it is missing.
"use strict";
const acorn = require("acorn");
const fs = require("fs");

const LOOKBEHIND = /\(\?<[=!]/;

function* nodes(node) {
  if (!node || typeof node.type !== "string") return;
  yield node;
  for (const [key, value] of Object.entries(node)) {
    if (key === "loc") continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === "object" && typeof child.type === "string") yield* nodes(child);
    }
  }
}

const problems = [];
for (const { path, ecmaVersion, sourceType, newer } of JSON.parse(process.argv[2])) {
  const source = fs.readFileSync(path, "utf8");
  const at = (node, what) => problems.push(`${path}:${node.loc.start.line}:${node.loc.start.column + 1} ${what}`);
  let tree;
  try {
    tree = acorn.parse(source, { ecmaVersion, sourceType, locations: true });
  } catch (error) {
    problems.push(`${path}:${error.loc ? error.loc.line + ":" + (error.loc.column + 1) : "?"} not ES${ecmaVersion > 5 ? ecmaVersion : 5}: ${error.message}`);
    // the rest is still looked at, at the newest level
    tree = acorn.parse(source, { ecmaVersion: "latest", sourceType, locations: true });
  }
  const called = new Set(newer);
  for (const node of nodes(tree)) {
    if (node.type === "Literal" && node.regex && LOOKBEHIND.test(node.regex.pattern)) at(node, "RegExp lookbehind (Safari 16.4)");
    if (node.type === "Literal" && typeof node.value === "string" && LOOKBEHIND.test(node.value)) at(node, "RegExp lookbehind in a string (Safari 16.4)");
    if (node.type === "CallExpression" || node.type === "NewExpression") {
      const callee = node.callee.type === "ChainExpression" ? node.callee.expression : node.callee;
      let name = null;
      if (callee.type === "Identifier") name = callee.name;
      else if (callee.type === "MemberExpression" && !callee.computed) {
        name = callee.property.name;
        if (callee.object.type === "Identifier" && called.has(`${callee.object.name}.${name}`)) name = `${callee.object.name}.${name}`;
      }
      if (name && called.has(name)) at(node, `${name}() is newer than the browsers this script is for`);
    }
  }
}
process.stdout.write(JSON.stringify(problems));
