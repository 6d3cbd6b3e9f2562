// Reads the JSDoc an editor shows, with the TypeScript compiler API: of every field of the zod
// schema in config/schema.ts (followed through consts, spreads, arrays, records and discriminated
// unions), of the fields of an interface, and of component classes and their public members. Also
// reads the fallbacks code writes inline (`args.x ?? <default>`), for defaults with no resolve function.
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export const projectRoot = path.resolve(__dirname, "..", "..");

const sources = new Map<string, ts.SourceFile>();

/** A project file (path relative to the project root), parsed once. */
export function sourceFile(file: string): ts.SourceFile {
    let sf = sources.get(file);
    if (!sf) {
        sf = ts.createSourceFile(file, fs.readFileSync(path.join(projectRoot, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
        sources.set(file, sf);
    }
    return sf;
}

/** One documented field: its JSDoc split the way the tests judge it. */
export interface DocField {
    /** `userPool.mfa.mode`, `clients[].tokenValidity.accessMinutes`, `identityProviders[]{type=google}.scopes`, `UserPoolArgs.tags`. */
    readonly path: string;
    readonly optional: boolean;
    /** The comment text without its tags and without the stage line. */
    readonly description: string;
    /** The "Stage dev: ...; stage prod: ..." line, if any. */
    readonly stageLine?: string;
    /** The text of the @default tag, if any. */
    readonly defaultText?: string;
    /** file:line, for messages. */
    readonly at: string;
}

export const stageLinePattern = /^Stage dev: (.+?); stage prod: (.+?)(?: \((.+)\))?\.$/;

function jsDocOf(node: ts.Node): ts.JSDoc | undefined {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
    return docs?.[docs.length - 1];
}

function tagText(tag: ts.JSDocTag): string {
    return (ts.getTextOfJSDocComment(tag.comment) ?? "").replace(/\s+/g, " ").trim();
}

function docField(fieldPath: string, node: ts.Node, optional: boolean): DocField {
    const sf = node.getSourceFile();
    const doc = jsDocOf(node);
    const lines = (ts.getTextOfJSDocComment(doc?.comment) ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
    const stageLine = lines.find((l) => l.startsWith("Stage "));
    const defaults = (doc?.tags ?? []).filter((t) => t.tagName.text === "default");
    if (defaults.length > 1) throw new Error(`${fieldPath}: more than one @default`);
    return {
        path: fieldPath,
        optional,
        description: lines.filter((l) => l !== stageLine).join(" "),
        stageLine,
        defaultText: defaults[0] && tagText(defaults[0]),
        at: `${sf.fileName}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`,
    };
}

// ---- the zod schema -------------------------------------------------------------------------

type Shape =
    | { readonly kind: "leaf"; readonly optional: boolean }
    | { readonly kind: "object"; readonly optional: boolean; readonly props: readonly Prop[] }
    | { readonly kind: "array"; readonly optional: boolean; readonly item: Shape }
    | { readonly kind: "record"; readonly optional: boolean; readonly value: Shape }
    | { readonly kind: "union"; readonly optional: boolean; readonly discriminator: string; readonly variants: readonly Shape[] };

interface Prop {
    readonly name: string;
    /** The node that carries the field's JSDoc. */
    readonly node: ts.Node;
    readonly shape: Shape;
}

const zodObjects = ["strictObject", "object", "looseObject"];

class SchemaReader {
    private readonly consts = new Map<string, ts.Expression>();

    constructor(private readonly sf: ts.SourceFile) {
        for (const statement of sf.statements) {
            if (!ts.isVariableStatement(statement)) continue;
            for (const d of statement.declarationList.declarations) {
                if (ts.isIdentifier(d.name) && d.initializer) this.consts.set(d.name.text, d.initializer);
            }
        }
    }

    root(name: string): Shape {
        const init = this.consts.get(name);
        if (!init) throw new Error(`${this.sf.fileName}: no const ${name}`);
        return this.shape(init);
    }

    private shape(expr: ts.Expression): Shape {
        if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) return this.shape(expr.expression);
        if (ts.isIdentifier(expr)) {
            const init = this.consts.get(expr.text);
            return init ? this.shape(init) : { kind: "leaf", optional: false }; // imported helpers (arn, ...) are leaves
        }
        if (!ts.isCallExpression(expr)) return { kind: "leaf", optional: false };
        const callee = expr.expression;
        const args = expr.arguments;
        if (ts.isPropertyAccessExpression(callee)) {
            const method = callee.name.text;
            if (ts.isIdentifier(callee.expression) && callee.expression.text === "z") {
                if (zodObjects.includes(method)) return this.object(args[0]);
                if (method === "array") return { kind: "array", optional: false, item: this.shape(args[0]) };
                if (method === "record" || method === "partialRecord") return { kind: "record", optional: false, value: this.shape(args[1]) };
                if (method === "discriminatedUnion") {
                    const variants = args[1];
                    if (!ts.isStringLiteral(args[0]) || !ts.isArrayLiteralExpression(variants)) throw new Error(`unexpected discriminatedUnion at ${this.where(expr)}`);
                    return { kind: "union", optional: false, discriminator: args[0].text, variants: variants.elements.map((v) => this.shape(v)) };
                }
                return { kind: "leaf", optional: false };
            }
            // A method of a schema: .optional() makes it optional, the others (.min, .refine, ...) keep its shape.
            const inner = this.shape(callee.expression);
            return method === "optional" ? { ...inner, optional: true } : inner;
        }
        if (ts.isIdentifier(callee)) {
            if (callee.text === "strictObject") return this.object(args[0]);
            if (callee.text === "uniqueList") return { kind: "array", optional: false, item: this.shape(args[0]) };
        }
        return { kind: "leaf", optional: false };
    }

    private objectLiteral(expr: ts.Expression): ts.ObjectLiteralExpression {
        if (ts.isObjectLiteralExpression(expr)) return expr;
        const init = ts.isIdentifier(expr) ? this.consts.get(expr.text) : undefined;
        if (init && ts.isObjectLiteralExpression(init)) return init;
        throw new Error(`expected an object literal at ${this.where(expr)}`);
    }

    private props(literal: ts.ObjectLiteralExpression): Prop[] {
        return literal.properties.flatMap((p): Prop[] => {
            if (ts.isSpreadAssignment(p)) return this.props(this.objectLiteral(p.expression));
            if (ts.isPropertyAssignment(p)) return [{ name: propName(p.name), node: p, shape: this.shape(p.initializer) }];
            if (ts.isShorthandPropertyAssignment(p)) return [{ name: p.name.text, node: p, shape: this.shape(p.name) }];
            throw new Error(`unexpected property at ${this.where(p)}`);
        });
    }

    private object(arg: ts.Expression): Shape {
        return { kind: "object", optional: false, props: this.props(this.objectLiteral(arg)) };
    }

    private where(node: ts.Node): string {
        return `${this.sf.fileName}:${this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1}`;
    }
}

function propName(name: ts.PropertyName): string {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
    throw new Error(`unexpected property name ${name.getText()}`);
}

/** The value of a variant's discriminator: `type: z.literal("google")` -> "google". */
function discriminatorValue(variant: Shape, discriminator: string): string {
    const prop = variant.kind === "object" ? variant.props.find((p) => p.name === discriminator) : undefined;
    const init = prop && ts.isPropertyAssignment(prop.node) ? prop.node.initializer : undefined;
    if (init && ts.isCallExpression(init) && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) return init.arguments[0].text;
    throw new Error(`a variant without a literal "${discriminator}"`);
}

function collect(shape: Shape, at: string, out: DocField[]): void {
    switch (shape.kind) {
        case "object":
            for (const prop of shape.props) {
                const fieldPath = at ? `${at}.${prop.name}` : prop.name;
                out.push(docField(fieldPath, prop.node, prop.shape.optional));
                collect(prop.shape, fieldPath, out);
            }
            return;
        case "array":
            return collect(shape.item, `${at}[]`, out);
        case "record":
            return collect(shape.value, `${at}.*`, out);
        case "union":
            for (const variant of shape.variants) collect(variant, `${at}{${shape.discriminator}=${discriminatorValue(variant, shape.discriminator)}}`, out);
            return;
        case "leaf":
            return;
    }
}

/** Every field under the schema const `root` of `file`, depth first, with its JSDoc. */
export function schemaFields(file: string, root: string): DocField[] {
    const out: DocField[] = [];
    collect(new SchemaReader(sourceFile(file)).root(root), "", out);
    return out;
}

// ---- interfaces and classes ------------------------------------------------------------------

/** The fields an interface declares itself (not the ones it inherits), as `<Interface>.<field>`. */
export function interfaceFields(file: string, name: string): DocField[] {
    const declaration = sourceFile(file).statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
    if (!declaration) throw new Error(`${file}: no interface ${name}`);
    return declaration.members.filter(ts.isPropertySignature).map((m) => docField(`${name}.${propName(m.name)}`, m, m.questionToken !== undefined));
}

export interface ComponentClass {
    readonly name: string;
    readonly file: string;
    /** The class's own doc, without tags. */
    readonly description: string;
    readonly example?: string;
    /** Public fields, getters and methods without a description. */
    readonly undocumented: readonly string[];
}

const isPublic = (member: ts.ClassElement) =>
    !(ts.getCombinedModifierFlags(member as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !(member.name && ts.isPrivateIdentifier(member.name));

/** Every class of `file` that extends `base`, with what its doc and its public members say. */
export function componentClasses(file: string, base: string): ComponentClass[] {
    return sourceFile(file).statements
        .filter((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && !!s.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText().startsWith(base))))
        .map((c) => {
            const doc = jsDocOf(c);
            const members = c.members.filter((m) => (ts.isPropertyDeclaration(m) || ts.isGetAccessor(m) || ts.isMethodDeclaration(m)) && isPublic(m));
            return {
                name: c.name!.text,
                file,
                description: (ts.getTextOfJSDocComment(doc?.comment) ?? "").trim(),
                example: (doc?.tags ?? []).filter((t) => t.tagName.text === "example").map((t) => ts.getTextOfJSDocComment(t.comment) ?? "")[0],
                undocumented: members.filter((m) => !(ts.getTextOfJSDocComment(jsDocOf(m)?.comment) ?? "").trim()).map((m) => m.name!.getText()),
            };
        });
}

// ---- literals ----------------------------------------------------------------------------------

export type Evaluated = { readonly ok: true; readonly value: unknown } | { readonly ok: false };
const fail: Evaluated = { ok: false };

/**
 * The value of a literal expression: strings, numbers, booleans, null, arrays and objects of them
 * (keys bare or quoted). With a scope, `name.key.key` reads from it (a defaults object).
 */
export function literalValue(expr: ts.Expression, scope: Readonly<Record<string, unknown>> = {}): Evaluated {
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) return literalValue(expr.expression, scope);
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return { ok: true, value: expr.text };
    if (ts.isNumericLiteral(expr)) return { ok: true, value: Number(expr.text) };
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expr.operand)) return { ok: true, value: -Number(expr.operand.text) };
    if (expr.kind === ts.SyntaxKind.TrueKeyword) return { ok: true, value: true };
    if (expr.kind === ts.SyntaxKind.FalseKeyword) return { ok: true, value: false };
    if (expr.kind === ts.SyntaxKind.NullKeyword) return { ok: true, value: null };
    if (ts.isArrayLiteralExpression(expr)) {
        const items = expr.elements.map((e) => literalValue(e, scope));
        return items.every((i) => i.ok) ? { ok: true, value: items.map((i) => (i as { value: unknown }).value) } : fail;
    }
    if (ts.isObjectLiteralExpression(expr)) {
        const value: Record<string, unknown> = {};
        for (const p of expr.properties) {
            if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return fail;
            const v = literalValue(p.initializer, scope);
            if (!v.ok) return fail;
            value[p.name.text] = v.value;
        }
        return { ok: true, value };
    }
    if (ts.isIdentifier(expr) && Object.prototype.hasOwnProperty.call(scope, expr.text)) return { ok: true, value: scope[expr.text] };
    if (ts.isPropertyAccessExpression(expr)) {
        const target = literalValue(expr.expression, scope);
        if (target.ok && typeof target.value === "object" && target.value !== null && expr.name.text in target.value) {
            return { ok: true, value: (target.value as Record<string, unknown>)[expr.name.text] };
        }
    }
    return fail;
}

/** `text` as a literal, when all of it is one (`"ON"`, `15`, `{ sender: "cognito" }`). */
export function parseLiteral(text: string): Evaluated {
    const sf = ts.createSourceFile("default.ts", `(${text});`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const diagnostics = (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
    const statement = sf.statements[0];
    if (diagnostics.length || sf.statements.length !== 1 || !ts.isExpressionStatement(statement)) return fail;
    return literalValue(statement.expression);
}

export type ParsedDefault =
    | { readonly kind: "none"; readonly note?: string }
    | { readonly kind: "literal"; readonly value: unknown; readonly note?: string }
    | { readonly kind: "prose" };

/**
 * What a @default says: `none` (left unset), a literal, either followed by a note in
 * parentheses (`0 (off)`, `none (the pool's own region)`), or prose.
 */
export function parseDefault(text: string): ParsedDefault {
    const none = /^none(?: \((.+)\))?$/.exec(text);
    if (none) return { kind: "none", note: none[1] };
    const whole = parseLiteral(text);
    if (whole.ok) return { kind: "literal", value: whole.value };
    if (text.endsWith(")")) {
        for (let i = text.indexOf(" ("); i > 0; i = text.indexOf(" (", i + 1)) {
            const head = parseLiteral(text.slice(0, i));
            if (head.ok) return { kind: "literal", value: head.value, note: text.slice(i + 2, -1) };
        }
    }
    return { kind: "prose" };
}

// ---- inline fallbacks in code ------------------------------------------------------------------

function fallbacks(file: string, left: string): ts.Expression[] {
    const sf = sourceFile(file);
    const wanted = left.replace(/\s+/g, "");
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && node.left.getText(sf).replace(/\s+/g, "") === wanted) found.push(node.right);
        ts.forEachChild(node, visit);
    };
    visit(sf);
    if (found.length === 0) throw new Error(`${file}: no \`${left} ?? ...\`; the table in tests/docs/defaults.test.ts must say where this default comes from now`);
    return found;
}

/** The source text of the fallback(s) in `<left> ?? <fallback>`, which must all be the same. */
export function inlineDefaultText(file: string, left: string): string {
    const texts = [...new Set(fallbacks(file, left).map((e) => e.getText()))];
    if (texts.length !== 1) throw new Error(`${file}: \`${left}\` falls back to different values: ${texts.join(", ")}`);
    return texts[0];
}

/** The value the code falls back to in `<left> ?? <fallback>`: a literal, or a read of a scope object. */
export function inlineDefault(file: string, left: string, scope: Readonly<Record<string, unknown>> = {}): unknown {
    const text = inlineDefaultText(file, left);
    const value = literalValue(fallbacks(file, left)[0], scope);
    if (!value.ok) throw new Error(`${file}: \`${left} ?? ${text}\` is not a literal or a read of ${Object.keys(scope).join(", ") || "a known object"}`);
    return value.value;
}
