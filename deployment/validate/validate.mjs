// Validates SupportBot's deployment files with real validators installed from npm (no network, no Docker
// engine, no cluster, no Azure account):
//   node validate.mjs                      every file under deployment/
//   node validate.mjs dockerfile FILE      dockerfile-utils
//   node validate.mjs compose FILE         dclint (compose-spec schema + lint rules)
//   node validate.mjs kubernetes DIR|FILE  kubectl kustomize DIR, then each object against the Kubernetes models
//   node validate.mjs bicep FILE [PARAMS]  tree-sitter Bicep grammar, symbols, parameters file
// Add --json to print what was checked (for the consistency tests). Exits 1 and lists the problems, each with
// its file and line where known, when anything is invalid.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { validateDockerfile } from "./lib/dockerfile.mjs";
import { validateCompose } from "./lib/compose.mjs";
import { validateKubernetes } from "./lib/kubernetes.mjs";
import { validateBicep } from "./lib/bicep.mjs";

const deployment = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const validators = {
  dockerfile: (file) => validateDockerfile(file),
  compose: (file) => validateCompose(file),
  kubernetes: (path) => validateKubernetes(path),
  bicep: (file, parameters) => validateBicep(file, parameters),
};
const defaults = [
  ["dockerfile", join(deployment, "docker", "Dockerfile")],
  ["compose", join(deployment, "docker", "compose.yaml")],
  ["kubernetes", join(deployment, "kubernetes")],
  ["bicep", join(deployment, "azure", "main.bicep"), join(deployment, "azure", "main.parameters.json")],
];

const args = process.argv.slice(2);
const json = args.includes("--json");
const positional = args.filter((a) => a !== "--json");
let jobs = defaults;
if (positional.length > 0) {
  const [kind, ...paths] = positional;
  if (!validators[kind] || paths.length === 0) {
    console.error(`usage: node validate.mjs [${Object.keys(validators).join("|")} PATH...] [--json]`);
    process.exit(2);
  }
  jobs = [[kind, ...paths.map((p) => resolve(p))]];
}

let failed = false;
const results = {};
for (const [kind, ...paths] of jobs) {
  let result;
  try {
    result = await validators[kind](...paths);
  } catch (error) {
    result = { problems: [`${paths[0]}: ${error.message}`] };
  }
  results[kind] = result;
  if (result.problems.length > 0) {
    failed = true;
    console.error(`${kind}: ${result.problems.length} problem(s)`);
    for (const problem of result.problems) console.error(`  ${problem}`);
  } else {
    console.error(`${kind}: ${paths[0]} is valid`);
  }
}
if (json) {
  process.stdout.write(JSON.stringify(positional.length > 0 ? results[positional[0]] : results) + "\n");
}
// exitCode, not exit(): exit() would cut off JSON still being written to a pipe.
process.exitCode = failed ? 1 : 0;
