// The pack's layout: everything a cloud knows is in its model file, model/<cloud>.ts, registered in
// model/index.ts; no other source of the pack names a registered cloud or a cloud's resource type.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { clouds } from "../model";
import { requirements } from "../requirements";

const SRC = join(__dirname, "..", "..", "..", "src");

function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
        e.isDirectory() ? (e.name === "test" ? [] : sources(join(dir, e.name))) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []);
}

/** A resource type token of a package other than the component's and the engine's: "pkg:module:Type". */
const TYPE_TOKEN = /"(?!threatmanager:|pulumi:)[a-z][a-z0-9-]*:[A-Za-z0-9/]+:[A-Za-z0-9]+"/;

test("each registered cloud has its model file, and no other source names a cloud or a cloud's type", () => {
    const files = sources(SRC).map(f => relative(SRC, f));
    const own = new Set(clouds.map(c => join("model", `${c.name}.ts`)));
    for (const f of own) assert.ok(files.includes(f), `${f}: a registered cloud's model file`);
    const names = new RegExp(`\\b(${clouds.flatMap(c => [c.name, c.title]).join("|")})\\b`, "i");
    const found: string[] = [];
    for (const f of files.filter(f => !own.has(f) && f !== join("model", "index.ts"))) {
        readFileSync(join(SRC, f), "utf8").split("\n").forEach((line, i) => {
            if (names.test(line) || TYPE_TOKEN.test(line)) found.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, [], "cloud knowledge outside model/<cloud>.ts");
});

test("the clouds that bring deny-all rules are those requirements.json gives a deny-all priority", () => {
    const generated = requirements.denyAll as Record<string, { priority: number }>;
    const pack = Object.fromEntries(clouds.filter(c => c.denyAll).map(c => [c.name, { priority: c.denyAll!.priority }]));
    assert.deepEqual(pack, generated);
});
