// The pack's view of a stack's resources: plain JSON properties, where a value the engine does not know
// yet (during a preview) is UNKNOWN instead of an exception, so that one unknown value does not stop a
// whole stack policy.

import { PolicyResource } from "@pulumi/policy";

// The engine's sentinels for a value not known until the deployment, one per kind of value. They are
// internal to @pulumi/policy (its proxy module), which is pinned exactly in package.json.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const proxy: Record<string, unknown> = require("@pulumi/policy/proxy");
export const unknownSentinels: ReadonlySet<string> = new Set(
    ["Boolean", "Number", "String", "Array", "Asset", "Archive", "Object"].map(kind => String(proxy[`unknown${kind}Value`])),
);

export function isUnknown(v: unknown): boolean {
    return typeof v === "string" && unknownSentinels.has(v);
}

/** One resource of the stack, as the policies read it. */
export interface Res {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
    parent?: Res;
    /** The resources each property's value came from (the engine records them). */
    deps: Record<string, Res[]>;
}

/** @pulumi/policy wraps props in a proxy that throws on unknown values; this is the object under it. */
const proxyTarget = String(proxy.getSpecialProxyTarget);

/** The stack's resources as Res, with parents and dependencies linked. */
export function fromPolicyResources(resources: PolicyResource[]): Res[] {
    const byUrn = new Map<string, Res>();
    for (const r of resources) {
        const props = (r.props as any)[proxyTarget] ?? r.props;
        byUrn.set(r.urn, { type: r.type, name: r.name, urn: r.urn, props, deps: {} });
    }
    for (const r of resources) {
        const res = byUrn.get(r.urn)!;
        if (r.parent) res.parent = byUrn.get(r.parent.urn);
        for (const [k, ds] of Object.entries(r.propertyDependencies ?? {})) {
            res.deps[k] = ds.map(d => byUrn.get(d.urn)).filter((d): d is Res => d !== undefined);
        }
    }
    return [...byUrn.values()];
}

/** A string value, or undefined when absent, unknown or not a string. */
export function str(v: unknown): string | undefined {
    return typeof v === "string" && !isUnknown(v) ? v : undefined;
}

/** A number value (the clouds take ports as numbers or strings). */
export function num(v: unknown): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
    return undefined;
}

/** A list value: [] when absent, undefined when unknown. */
export function list(v: unknown): any[] | undefined {
    if (v === undefined || v === null) return [];
    if (isUnknown(v)) return undefined;
    return Array.isArray(v) ? v : [v];
}

/** The resource's name and type, as messages name it. */
export function label(r: Res): string {
    return `${r.type} "${r.name}"`;
}

/** The tags of a resource (on the clouds that tag), known ones only. */
export function tags(r: Res): Record<string, string> {
    const t = r.props.tags;
    return t && typeof t === "object" && !isUnknown(t) ? t : {};
}

/** The ThreatManager component that r was created by, if any. */
export function component(r: Res): Res | undefined {
    for (let p = r.parent; p; p = p.parent) {
        if (p.type === "threatmanager:index:ThreatManager") return p;
    }
    return undefined;
}
