// Dockerfile: dockerfile-utils, the validator behind VS Code's Docker extension (syntax, instructions, flags,
// HEALTHCHECK durations, stage names), with every check raised to an error. Also returns what the consistency
// tests compare with the app: ENV names, exposed ports, the user and the health check command.
import { readFileSync } from "node:fs";
import { validate as lint, ValidationSeverity } from "dockerfile-utils";
import { DockerfileParser } from "dockerfile-ast";

export function validateDockerfile(file) {
  const text = readFileSync(file, "utf8");
  const settings = {};
  // Warnings ("ignore" by default for some) become errors: a deployment file is either right or fixed.
  for (const key of ["deprecatedMaintainer", "directiveCasing", "emptyContinuationLine", "instructionCasing",
    "instructionCmdMultiple", "instructionEntrypointMultiple", "instructionHealthcheckMultiple", "instructionJSONInSingleQuotes",
    "instructionWorkdirRelative"]) {
    settings[key] = ValidationSeverity.ERROR;
  }
  const problems = lint(text, settings).map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);

  const dockerfile = DockerfileParser.parse(text);
  const stages = dockerfile.getFROMs().map((from) => ({ image: from.getImageName(), tag: from.getImageTag(), as: from.getBuildStage() }));
  const last = dockerfile.getFROMs().at(-1);
  const finalLine = last ? last.getRange().start.line : 0;
  const inFinal = (instruction) => instruction.getRange().start.line >= finalLine;
  const env = {};
  for (const instruction of dockerfile.getENVs().filter(inFinal)) {
    for (const property of instruction.getProperties()) {
      env[property.getName()] = property.getValue() ?? "";
    }
  }
  const instructions = dockerfile.getInstructions().filter(inFinal);
  const arg = (keyword) => instructions.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent());
  const healthcheck = dockerfile.getHEALTHCHECKs().filter(inFinal).at(-1);
  return {
    problems,
    stages,
    env,
    expose: arg("EXPOSE").flatMap((a) => a.split(/\s+/)),
    user: arg("USER").at(-1) ?? null,
    entrypoint: arg("ENTRYPOINT").at(-1) ?? null,
    healthcheck: healthcheck ? JSON.parse(healthcheck.getArgumentsContent().replace(/^.*?CMD\s+/s, "")) : null,
  };
}
