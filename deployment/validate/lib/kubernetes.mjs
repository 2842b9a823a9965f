// Kubernetes manifests: a kustomization folder is rendered by `kubectl kustomize` (kubectl's built-in
// kustomize), then every object is checked twice:
//   - against the JSON schemas of the Kubernetes OpenAPI spec (kubernetes-models): types, required fields, enums;
//   - for unknown fields against the official JavaScript client's models (@kubernetes/client-node), since the
//     OpenAPI schemas allow any extra key and a misspelt field (readinesProbe) would otherwise pass unnoticed.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";
import * as client from "@kubernetes/client-node";

const require = createRequire(import.meta.url);

export function render(path) {
  if (!statSync(path).isDirectory()) {
    return readFileSync(path, "utf8");
  }
  try {
    return execFileSync("kubectl", ["kustomize", path], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new Error("kubectl is not installed (it renders the kustomization); see deployment/README.md");
    }
    throw new Error(`kubectl kustomize failed: ${(error.stderr || error.message).trim()}`);
  }
}

function schemaModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    return require(path)[kind];
  } catch {
    return null;
  }
}

function clientModel(apiVersion, kind) {
  const version = apiVersion.split("/").at(-1);
  const type = `${version[0].toUpperCase()}${version.slice(1)}${kind}`;
  return client[type]?.getAttributeTypeMap ? type : null;
}

// Walks the object along the client's type map; reports keys the model does not have.
function unknownFields(value, type, path, problems) {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) value.forEach((item, i) => unknownFields(item, array[1], `${path}[${i}]`, problems));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value === "object") for (const [key, item] of Object.entries(value)) unknownFields(item, map[1], `${path}.${key}`, problems);
    return;
  }
  const model = client[type];
  if (!model?.getAttributeTypeMap || typeof value !== "object" || Array.isArray(value)) return;
  const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [key, item] of Object.entries(value)) {
    if (!attributes.has(key)) {
      problems.push(`${path}: unknown field "${key}" (${type} has ${[...attributes.keys()].join(", ")})`);
    } else {
      unknownFields(item, attributes.get(key), `${path}.${key}`, problems);
    }
  }
}

export function validateKubernetes(path) {
  const problems = [];
  const objects = [];
  for (const document of parseAllDocuments(render(path))) {
    if (document.errors.length > 0) {
      problems.push(...document.errors.map((e) => `${path}: ${e.message}`));
      continue;
    }
    const object = document.toJS();
    if (!object) continue;
    objects.push(object);
    const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
    const Model = object.apiVersion && object.kind ? schemaModel(object.apiVersion, object.kind) : null;
    const type = object.apiVersion && object.kind ? clientModel(object.apiVersion, object.kind) : null;
    if (!Model || !type) {
      problems.push(`${name}: ${object.apiVersion}/${object.kind} is not a Kubernetes API type`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      for (const detail of error.errors ?? [{ instancePath: "", message: error.message }]) {
        problems.push(`${name}: ${detail.instancePath || "/"} ${detail.message}${detail.params ? " " + JSON.stringify(detail.params) : ""}`);
      }
    }
    unknownFields(object, type, name, problems);
  }
  if (objects.length === 0) problems.push(`${path}: no Kubernetes objects`);
  return { problems, objects };
}
