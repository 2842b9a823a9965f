// Builds the Teams app package: a zip with manifest.json, color.png and outline.png at its root.
// The committed manifest holds placeholder GUIDs; the bot's Microsoft App ID replaces them here.
// Run: MICROSOFT_APP_ID=<guid> node package.mjs [--out build/supportbot-teams.zip] [--version 1.0.1]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateRawSync } from "node:zlib";
import { crc32 } from "./crc32.mjs";
import { validate } from "./validate.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const PLACEHOLDER = "00000000-0000-0000-0000-000000000000";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function argument(name) {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

// A plain zip (deflate, no zip64): what Teams and the admin centre expect.
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data) >>> 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10); // time
    header.writeUInt16LE(0x21, 12); // date: 1980-01-01, so the same inputs give the same bytes
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    locals.push(header, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const appId = process.env.MICROSOFT_APP_ID ?? argument("--app-id") ?? PLACEHOLDER;
if (!GUID.test(appId)) {
  console.error(`MICROSOFT_APP_ID '${appId}' is not a GUID (the bot's Microsoft App ID from its Azure Bot resource)`);
  process.exit(2);
}

const manifest = JSON.parse(readFileSync(join(here, "manifest.json"), "utf8").replaceAll(PLACEHOLDER, appId));
const version = argument("--version");
if (version) manifest.version = version;

const problems = validate(manifest, here);
if (problems.length > 0) {
  console.error(`manifest.json is not valid:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
if (appId === PLACEHOLDER) {
  console.warn("warning: MICROSOFT_APP_ID is not set; the package keeps the placeholder id and cannot be installed");
}

const out = resolve(argument("--out") ?? join(here, "build", "supportbot-teams.zip"));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip([
  { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8") },
  { name: manifest.icons.color, data: readFileSync(join(here, manifest.icons.color)) },
  { name: manifest.icons.outline, data: readFileSync(join(here, manifest.icons.outline)) },
]));
console.log(`wrote ${out} (app id ${appId}, version ${manifest.version})`);
