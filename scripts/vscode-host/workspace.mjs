// Workspaces the harness opens in VS Code, recreated from sources in the repository.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { builtinScenariosDistDir, repoRoot } from './paths.mjs';

/** Lists the built scenario files (dist/scenarios/*.kafkalab.json). */
export async function builtScenarioFiles() {
  if (!existsSync(builtinScenariosDistDir)) return [];
  return (await fs.readdir(builtinScenariosDistDir)).filter((n) => n.endsWith('.kafkalab.json')).sort();
}

/**
 * The sample workspace for `npm start`: the built-in scenarios under `scenarios/`. Files the user
 * already has there are left alone (they may have edited them); missing ones are added.
 */
export async function prepareSampleWorkspace(dir) {
  const scenariosDir = path.join(dir, 'scenarios');
  await fs.mkdir(scenariosDir, { recursive: true });
  const files = await builtScenarioFiles();
  for (const name of files) {
    const target = path.join(scenariosDir, name);
    if (!existsSync(target)) await fs.writeFile(target, withoutSchemaRef(await fs.readFile(path.join(builtinScenariosDistDir, name), 'utf8')));
  }
  const readme = path.join(dir, 'README.md');
  if (!existsSync(readme)) {
    await fs.writeFile(
      readme,
      [
        '# Kafka Consumer Group Lab: sample workspace',
        '',
        'The `scenarios/` folder holds copies of the built-in tutorial scenarios (`*.kafkalab.json`).',
        'Edit them freely: VS Code checks them against the scenario schema as you type.',
        '',
        'Press F1 and run **Kafka Lab: Open Tutorial Scenario** to open the originals.',
        '',
      ].join('\n'),
    );
  }
  return { dir, scenarioFiles: files };
}

/**
 * Drops a relative "$schema" (it points into the extension, not into this workspace; VS Code
 * would find nothing there and validate nothing). The extension's jsonValidation for
 * *.kafkalab.json then applies. Leaves the text alone when the result would not parse.
 */
export function withoutSchemaRef(text) {
  const stripped = text.replace(/^[ \t]*"\$schema"[ \t]*:[ \t]*"(?![a-z]+:)[^"]*",[ \t]*\r?\n/m, '');
  try {
    JSON.parse(stripped);
    return stripped;
  } catch {
    return text;
  }
}

/** A fresh copy of a fixture folder (e.g. test/integration/workspace) for one test run. */
export async function freshCopy(fromRelative, to) {
  await fs.rm(to, { recursive: true, force: true });
  await fs.cp(path.join(repoRoot, fromRelative), to, { recursive: true });
  return to;
}
