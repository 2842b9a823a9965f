// Validates a Teams app manifest against the official JSON schema of its manifestVersion, as shipped in
// Microsoft's @microsoft/app-manifest package (JSON Schema draft-04, checked with Ajv), then checks the
// rules the schema cannot express: both icons exist as PNGs of the right size, and every botId is the app id
// when a real app id is set.
// Run: node validate.mjs [manifest.json]   exits 1 and lists the problems when invalid.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

export function schemaFor(manifestVersion) {
  if (!/^1\.\d+$/.test(manifestVersion ?? "")) {
    throw new Error(`manifestVersion '${manifestVersion}' is not a released schema version (1.N)`);
  }
  const packageRoot = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = join(packageRoot, "build", "json-schemas", "teams", `v${manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) {
    throw new Error(`no schema for manifestVersion ${manifestVersion} in @microsoft/app-manifest`);
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

export function pngSize(file) {
  const bytes = readFileSync(file);
  const signature = "89504e470d0a1a0a";
  if (bytes.subarray(0, 8).toString("hex") !== signature || bytes.toString("ascii", 12, 16) !== "IHDR") {
    return null;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

export function validate(manifest, folder) {
  const problems = [];
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schemaFor(manifest.manifestVersion));
  if (!check(manifest)) {
    for (const error of check.errors) {
      problems.push(`${error.instancePath || "/"} ${error.message}${error.params ? " " + JSON.stringify(error.params) : ""}`);
    }
  }

  // The schema pins manifestVersion with const, so it is checked against the schema of its own version; the
  // $schema address must name that same version or editors and tools check against another one.
  const schemaVersion = /\/teams\/v([^/]+)\//.exec(manifest.$schema ?? "")?.[1];
  if (manifest.$schema && schemaVersion !== manifest.manifestVersion) {
    problems.push(`/manifestVersion ${manifest.manifestVersion} does not match $schema (v${schemaVersion}); change both together`);
  }

  const expected = { outline: 32, color: 192 };
  for (const [kind, size] of Object.entries(expected)) {
    const name = manifest.icons?.[kind];
    const file = name && join(folder, name);
    const png = file && existsSync(file) ? pngSize(file) : null;
    if (!png) {
      problems.push(`icons.${kind}: ${name ?? "(missing)"} is not a PNG next to the manifest`);
    } else if (png.width !== size || png.height !== size) {
      problems.push(`icons.${kind}: ${name} is ${png.width}x${png.height}, must be ${size}x${size}`);
    } else if (kind === "outline" && png.colourType !== 6) {
      problems.push(`icons.outline: ${name} must have an alpha channel (transparent background)`);
    }
  }

  const botIds = [...(manifest.bots ?? []), ...(manifest.composeExtensions ?? [])].map((b) => b.botId);
  if (botIds.some((id) => id !== botIds[0])) {
    problems.push("bots[].botId and composeExtensions[].botId must all be the bot's Microsoft App ID");
  }
  return problems;
}

if (resolve(process.argv[1] ?? "") === resolve(new URL(import.meta.url).pathname)) {
  const path = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), "manifest.json"));
  const manifest = JSON.parse(readFileSync(path, "utf8"));
  const problems = validate(manifest, dirname(path));
  if (problems.length > 0) {
    console.error(`${path}: ${problems.length} problem(s) against the v${manifest.manifestVersion} schema`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(`${path}: valid against the Teams manifest schema v${manifest.manifestVersion}; icons 32x32 and 192x192`);
}
