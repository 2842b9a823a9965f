// Compose file: dclint checks it against the compose-spec JSON schema it ships and lints it (duplicate ports or
// container names, unpinned images, ...). Also returns the parsed file for the consistency tests.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { DCLinter } from "dclint";

// dclint's rules at their defaults, except where this file deliberately differs.
const rules = {
  // supportbot-1 builds the image and names it (image:), so supportbot-2 can run the same one.
  "no-build-and-image": 0,
};

export function validateCompose(file) {
  const linter = new DCLinter({ rules, quiet: false, debug: false, exclude: [] });
  const problems = [];
  for (const result of linter.lintFiles([file], false)) {
    for (const message of result.messages) {
      problems.push(`${file}:${message.line}:${message.column} ${message.message} (${message.rule})`);
    }
  }
  return { problems, compose: parse(readFileSync(file, "utf8"), { merge: true }) };
}
