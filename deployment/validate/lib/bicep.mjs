// Bicep: the Bicep compiler is not served by the registries these machines reach (see deployment/README.md), so
// the template is checked with the tree-sitter Bicep grammar (syntax errors with line and column), then for what a
// syntax tree shows: every name used is declared, resource types are Type@api-version, and the parameters file
// only sets declared parameters, gives every required one, keeps to @allowed values and holds no secret.
// Also returns the parameters, resources, container environment variables and probes for the consistency tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Parser, Language } from "web-tree-sitter";

const require = createRequire(import.meta.url);
const declarations = new Set(["parameter_declaration", "variable_declaration", "resource_declaration", "module_declaration", "output_declaration", "type_declaration", "metadata_declaration"]);

let parser;
async function bicepParser() {
  if (!parser) {
    await Parser.init();
    const language = await Language.load(require.resolve("tree-sitter-bicep/tree-sitter-bicep.wasm"));
    parser = new Parser();
    parser.setLanguage(language);
  }
  return parser;
}

const at = (file, node) => `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
const nameOf = (declaration) => declaration.namedChildren.find((c) => c.type === "identifier")?.text;
const unquote = (node) => node?.type === "string" ? node.namedChildren.map((c) => c.text).join("") : null;

function* walk(node) {
  yield node;
  for (const child of node.namedChildren) yield* walk(child);
}

// The value of an object literal's property, as a node.
function property(object, key) {
  const found = object?.namedChildren.find((p) => p.type === "object_property" && p.namedChildren[0]?.text === key);
  return found?.namedChildren.at(-1);
}

function decoratorsOf(declaration) {
  const decorators = declaration.previousNamedSibling?.type === "decorators" ? declaration.previousNamedSibling : null;
  const calls = new Map();
  for (const decorator of decorators?.namedChildren ?? []) {
    const call = decorator.namedChildren[0];
    const name = call?.childForFieldName("function")?.text ?? call?.text;
    calls.set(name, call?.childForFieldName("arguments") ?? null);
  }
  return calls;
}

export async function validateBicep(file, parametersFile) {
  const text = readFileSync(file, "utf8");
  const tree = (await bicepParser()).parse(text);
  const problems = [];
  const root = tree.rootNode;

  for (const node of walk(root)) {
    if (node.type === "ERROR" || node.isMissing) {
      problems.push(`${at(file, node)} syntax error near ${JSON.stringify(node.text.slice(0, 40))}${node.isMissing ? ` (missing ${node.type})` : ""}`);
    }
  }

  // Names: top-level declarations, loop variables and lambda parameters.
  const declared = new Set(["az", "sys"]);
  const top = root.namedChildren.filter((n) => declarations.has(n.type));
  for (const declaration of top) declared.add(nameOf(declaration));
  for (const node of walk(root)) {
    if (node.type === "for_statement" || node.type === "lambda_expression") {
      for (const child of walk(node.childForFieldName("initializer") ?? node.namedChildren[0])) {
        if (child.type === "identifier") declared.add(child.text);
      }
    }
  }
  for (const node of walk(root)) {
    if (node.type !== "identifier") continue;
    const parent = node.parent;
    const isKey = parent.type === "object_property" && parent.namedChildren[0].id === node.id;
    const isName = declarations.has(parent.type) && parent.namedChildren.find((c) => c.type === "identifier").id === node.id;
    const isFunction = parent.type === "call_expression" && parent.childForFieldName("function")?.id === node.id;
    if (!isKey && !isName && !isFunction && parent.type !== "type" && !declared.has(node.text)) {
      problems.push(`${at(file, node)} "${node.text}" is not declared`);
    }
  }

  const parameters = top.filter((d) => d.type === "parameter_declaration").map((d) => {
    const decorators = decoratorsOf(d);
    const allowed = decorators.get("allowed")?.namedChildren[0]?.namedChildren.map((v) => unquote(v) ?? v.text);
    return {
      name: nameOf(d),
      type: d.namedChildren.find((c) => c.type === "type")?.text,
      hasDefault: d.namedChildren.length > 2,
      secure: decorators.has("secure"),
      allowed: allowed ?? null,
    };
  });

  const resources = top.filter((d) => d.type === "resource_declaration").map((d) => ({ symbol: nameOf(d), type: unquote(d.namedChildren[1]) }));
  for (const resource of resources) {
    if (!/^[A-Za-z]+\.[A-Za-z]+\/[A-Za-z/]+@\d{4}-\d{2}-\d{2}(-preview)?$/.test(resource.type ?? "")) {
      problems.push(`${file}: resource ${resource.symbol} has type '${resource.type}', not Namespace/type@yyyy-mm-dd`);
    }
  }

  // Container environment: object literals with a name under any `env:` property, following variables it uses.
  const variables = new Map(top.filter((d) => d.type === "variable_declaration").map((d) => [nameOf(d), d.namedChildren.at(-1)]));
  const env = [];
  const probes = [];
  const collectEnv = (node, seen = new Set()) => {
    for (const child of walk(node)) {
      if (child.type === "object" && unquote(property(child, "name"))) {
        env.push({ name: unquote(property(child, "name")), secret: Boolean(property(child, "secretRef")) });
      } else if (child.type === "identifier" && variables.has(child.text) && !seen.has(child.text)) {
        seen.add(child.text);
        collectEnv(variables.get(child.text), seen);
      }
    }
  };
  for (const node of walk(root)) {
    if (node.type !== "object_property") continue;
    const key = node.namedChildren[0]?.text;
    if (key === "env") collectEnv(node.namedChildren.at(-1));
    if (key === "probes") {
      for (const probe of node.namedChildren.at(-1).namedChildren.filter((c) => c.type === "object")) {
        const httpGet = property(probe, "httpGet");
        probes.push({ type: unquote(property(probe, "type")), path: unquote(property(httpGet, "path")), port: Number(property(httpGet, "port")?.text) });
      }
    }
  }

  const outputs = top.filter((d) => d.type === "output_declaration").map(nameOf);

  if (parametersFile) {
    checkParameters(parametersFile, parameters, problems);
  }
  return { problems, parameters, resources, env, probes, outputs };
}

function checkParameters(file, parameters, problems) {
  const json = JSON.parse(readFileSync(file, "utf8"));
  if (!/\/deploymentParameters\.json#?$/.test(json.$schema ?? "")) {
    problems.push(`${file}: $schema is not the deploymentParameters schema`);
  }
  const declared = new Map(parameters.map((p) => [p.name, p]));
  for (const [name, entry] of Object.entries(json.parameters ?? {})) {
    const parameter = declared.get(name);
    if (!parameter) {
      problems.push(`${file}: parameter "${name}" is not declared in the template`);
      continue;
    }
    if (parameter.secure && "value" in entry) {
      problems.push(`${file}: parameter "${name}" is @secure(): give it on the command line or as a Key Vault reference, not in the file`);
    }
    if (parameter.allowed && !parameter.allowed.includes(entry.value)) {
      problems.push(`${file}: parameter "${name}" is '${entry.value}', not one of ${parameter.allowed.join(", ")}`);
    }
  }
  for (const parameter of parameters) {
    if (!parameter.hasDefault && !parameter.secure && !(parameter.name in (json.parameters ?? {}))) {
      problems.push(`${file}: required parameter "${parameter.name}" has no value`);
    }
  }
}
