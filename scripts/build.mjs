// Builds the bundles with esbuild.
//   node scripts/build.mjs            development build (source maps)
//   node scripts/build.mjs --release  minified release build
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const release = process.argv.includes('--release');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: release,
  sourcemap: !release,
  logLevel: 'warning',
  target: 'es2022',
};

const builds = [
  // The command-line front end to the engine (Node).
  {
    ...common,
    entryPoints: ['src/cli/kafka-lab.ts'],
    outfile: 'dist/cli/kafka-lab.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

// The extension host bundle (Node), once the extension entry point exists.
if (existsSync('src/extension/extension.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  });
}

// The same extension for VS Code for the Web (a web-worker extension host): no Node built-ins.
if (existsSync('src/extension/extension.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
  });
}

// The webviews' script and styles (browser), once they exist.
if (existsSync('src/webview/main.ts')) {
  builds.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife' });
}
if (existsSync('src/webview/main.css')) {
  builds.push({ ...common, entryPoints: ['src/webview/main.css'], outfile: 'dist/webview/main.css', loader: { '.css': 'css' } });
}

// A release build writes no source maps: drop stale ones so they are not packaged.
if (release) for (const b of builds) rmSync(`${b.outfile}.map`, { force: true });
await Promise.all(builds.map((b) => esbuild.build(b)));

// The built-in tutorial scenarios ship inside the extension (dist/scenarios/), where the
// "Kafka Lab: Open Tutorial Scenario" command lists them. Whatever is in the folder is copied.
const scenariosSrc = 'src/sim/scenarios/builtin';
rmSync('dist/scenarios', { recursive: true, force: true });
if (existsSync(scenariosSrc)) {
  mkdirSync('dist/scenarios', { recursive: true });
  for (const name of readdirSync(scenariosSrc).filter((n) => n.endsWith('.kafkalab.json'))) {
    // A relative "$schema" points into the source tree; from dist/scenarios/ the shipped schema is
    // ../../schemas/ (an unresolvable "$schema" would switch VS Code's validation off).
    const text = readFileSync(`${scenariosSrc}/${name}`, 'utf8').replace(
      /("\$schema"\s*:\s*")(?:\.\.\/)+schemas\/([^"/]+)(")/,
      '$1../../schemas/$2$3',
    );
    writeFileSync(`dist/scenarios/${name}`, text);
  }
}

// Codicons for the webviews (the font and its stylesheet), from the @vscode/codicons package.
const codicons = 'node_modules/@vscode/codicons/dist';
if (existsSync(codicons)) {
  mkdirSync('dist/webview/codicons', { recursive: true });
  for (const name of ['codicon.css', 'codicon.ttf']) writeFileSync(`dist/webview/codicons/${name}`, readFileSync(`${codicons}/${name}`));
}
