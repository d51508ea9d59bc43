// policy/README.md against the pack itself: the policies the pack registers (policies/index.ts, through
// stackPolicy, as index.ts hands them to the PolicyPack) and the configuration schema each one declares.
// Every registered policy is documented with its enforcement level and keys, no other policy is, and the
// configuration table lists every key with the type, bounds and default of the code.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { stackPolicy } from "../context";
import { checks } from "../policies";

const PACK = join(__dirname, "..", "..", "..");
const README = readFileSync(join(PACK, "README.md"), "utf8");

/** The policies as the engine sees them: name, enforcement level, configuration schema. */
const registered = checks.map(stackPolicy).map(p => ({
    name: p.name,
    level: p.enforcementLevel,
    schema: (p.configSchema?.properties ?? {}) as Record<string, any>,
}));

/** The text of the README's "## <title>" section, up to the next "## ". */
function section(title: string): string {
    const start = README.indexOf(`\n## ${title}\n`);
    assert.ok(start >= 0, `policy/README.md has no "## ${title}" section`);
    const end = README.indexOf("\n## ", start + 1);
    return README.slice(start, end < 0 ? undefined : end);
}

/** The backticked words of a text. */
const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map(m => m[1]);

/** The rows of the markdown tables in a text, as cells (header and separator rows dropped). */
function rows(text: string): string[][] {
    return text.split("\n").filter(l => l.startsWith("| ") && !l.startsWith("| ---"))
        .map(l => l.slice(1, -1).split(" | ").map(c => c.trim()))
        .filter(cells => !["policy", "key"].includes(cells[0]));
}

/** Each "### `<policy>`" subsection of "## Policies", by name, in order. */
function policySections(): [string, string][] {
    const text = section("Policies");
    const heads = [...text.matchAll(/^### `([^`]+)`$/gm)];
    return heads.map((h, i) => {
        const next = text.indexOf("\n### ", h.index! + 1);
        return [h[1], text.slice(h.index!, next < 0 ? undefined : next)];
    });
}

test("policy/README.md documents exactly the policies the pack registers, in its order", () => {
    assert.deepEqual(policySections().map(([name]) => name), registered.map(p => p.name), "the ### `<policy>` headings");
    assert.deepEqual(rows(section("Policies")).map(r => [r[0], r[1]]), registered.map(p => [`\`${p.name}\``, p.level]), "the summary table: policy, enforcement");
});

test("each documented policy states its enforcement level and exactly the configuration keys it declares", () => {
    const sections = new Map(policySections());
    for (const p of registered) {
        const text = sections.get(p.name);
        assert.ok(text, `no section for ${p.name}`);
        assert.match(text, new RegExp(`^Enforcement: \\*\\*${p.level}\\*\\*\\.$`, "m"), `${p.name}: its enforcement line`);
        const config = /^Configuration: ([\s\S]*?)\.\n/m.exec(text);
        assert.ok(config, `${p.name}: no "Configuration: …." line`);
        assert.deepEqual(new Set(ticked(config[1])), new Set(Object.keys(p.schema)), `${p.name}: its configuration keys`);
    }
});

test("the configuration table: every key, with the code's type, bounds and default, and the policies that read it", () => {
    const table = rows(section("Configuration"));
    const keys = [...new Set(registered.flatMap(p => Object.keys(p.schema)))];
    assert.deepEqual(new Set(table.map(r => ticked(r[0])[0])), new Set(keys), "the keys of the table");
    for (const [keyCell, typeCell, defaultCell, readByCell] of table) {
        const key = ticked(keyCell)[0];
        const readers = registered.filter(p => key in p.schema);
        const schema = readers[0].schema[key];
        const type = schema.type === "array" ? `${schema.items.type}[]` : schema.type;
        assert.ok(typeCell.startsWith(`\`${type}\``), `${key}: type "${typeCell}", want \`${type}\``);
        for (const v of schema.enum ?? []) assert.ok(ticked(typeCell).includes(v), `${key}: the type does not list ${v}`);
        if (schema.minimum !== undefined) assert.ok(typeCell.includes(`${schema.minimum} to ${schema.maximum}`), `${key}: the bounds ${schema.minimum} to ${schema.maximum}`);
        if (schema.default !== undefined) {
            assert.ok(defaultCell.startsWith(`\`${JSON.stringify(schema.default)}\``), `${key}: default "${defaultCell}", want ${JSON.stringify(schema.default)}`);
        }
        if (readers.length === registered.length) {
            assert.equal(readByCell, "every policy", `${key}: read by every policy`);
        } else {
            assert.deepEqual(new Set(ticked(readByCell)), new Set(readers.map(p => p.name)), `${key}: the policies that read it`);
        }
        // Every policy of the same key takes the same schema.
        for (const p of readers) assert.deepEqual(p.schema[key], schema, `${key}: ${p.name} declares it differently`);
    }
});

test("the configuration example names registered policies, levels and keys each of them reads", () => {
    const block = /```json\n([\s\S]*?)```/.exec(section("Configuration"));
    assert.ok(block, "no ```json example in ## Configuration");
    const example = JSON.parse(block[1]) as Record<string, unknown>;
    const levels = ["advisory", "mandatory", "disabled"];
    for (const [name, entry] of Object.entries(example)) {
        const p = registered.find(p => p.name === name);
        assert.ok(p, `the example configures ${name}, which the pack does not register`);
        if (typeof entry === "string") {
            assert.ok(levels.includes(entry), `${name}: "${entry}" is not an enforcement level`);
            continue;
        }
        for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
            if (key === "enforcementLevel") continue;
            assert.ok(key in p.schema, `the example gives ${name} the key ${key}, which it does not read`);
            const want: string = p.schema[key].type;
            const got = Array.isArray(value) ? "array" : Number.isInteger(value) && want === "integer" ? "integer" : typeof value;
            assert.equal(got, want, `${name}.${key}: the example's type`);
        }
    }
});

test("the README names the pack as package.json does", () => {
    const pkg = JSON.parse(readFileSync(join(PACK, "package.json"), "utf8"));
    assert.match(README, new RegExp(`^# ${pkg.name}$`, "m"));
    assert.ok(README.includes(`${pkg.name}-v<version>.tar.gz`), "the release tarball's name");
});
