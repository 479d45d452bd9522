/**
 * Drift guard: the JSON Schema must describe exactly the shape declared in
 * src/sim/scenario/types.ts (same property names, same required/optional split, same actions).
 * Reads types.ts with the TypeScript compiler API (a devDependency; tests only).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { readSchema, repoRoot } from './helpers';

interface Shape {
  props: Map<string, boolean>; // name → optional
}

function propName(n: ts.PropertyName): string {
  if (ts.isIdentifier(n) || ts.isStringLiteral(n)) return n.text;
  throw new Error(`unexpected property name kind ${ts.SyntaxKind[n.kind]}`);
}

function membersOf(members: ts.NodeArray<ts.TypeElement>): Shape {
  const props = new Map<string, boolean>();
  for (const m of members) if (ts.isPropertySignature(m)) props.set(propName(m.name), m.questionToken !== undefined);
  return { props };
}

function readTypes(): { interfaces: Map<string, Shape>; actions: Map<string, Shape> } {
  const file = path.join(repoRoot, 'src/sim/scenario/types.ts');
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, Shape>();
  const actions = new Map<string, Shape>();
  sf.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, membersOf(node.members));
    if (ts.isTypeAliasDeclaration(node) && node.name.text === 'Action' && ts.isUnionTypeNode(node.type)) {
      for (const t of node.type.types) {
        assert.ok(ts.isTypeLiteralNode(t));
        const shape = membersOf(t.members);
        const actionMember = t.members.find((m) => ts.isPropertySignature(m) && propName(m.name) === 'action') as ts.PropertySignature;
        const lit = actionMember.type as ts.LiteralTypeNode;
        actions.set((lit.literal as ts.StringLiteral).text, shape);
      }
    }
  });
  return { interfaces, actions };
}

type Node = { properties?: Record<string, unknown>; required?: string[]; oneOf?: Node[]; definitions?: Record<string, Node> };

function compare(label: string, shape: Shape, node: Node, extra: Record<string, boolean> = {}): void {
  const expected = new Map([...shape.props, ...Object.entries(extra)]);
  const schemaProps = Object.keys(node.properties ?? {}).sort();
  assert.deepEqual(schemaProps, [...expected.keys()].sort(), `${label}: property names`);
  const required = [...expected].filter(([, optional]) => !optional).map(([k]) => k).sort();
  assert.deepEqual([...(node.required ?? [])].sort(), required, `${label}: required properties`);
}

describe('schema ↔ src/sim/scenario/types.ts', () => {
  const schema = readSchema() as Node;
  const defs = schema.definitions!;
  const { interfaces, actions } = readTypes();

  it('Scenario and every spec interface match', () => {
    compare('Scenario', interfaces.get('Scenario')!, schema);
    const map: Record<string, string> = {
      BrokerConfig: 'brokerConfig',
      TopicSpec: 'topicSpec',
      ProducerSpec: 'producerSpec',
      ConsumerConfig: 'consumerConfig',
      ConsumerSpec: 'consumerSpec',
      GroupSpec: 'groupSpec',
      StandaloneConsumerSpec: 'standaloneConsumerSpec',
      ShareGroupConfig: 'shareGroupConfig',
      ShareConsumerConfig: 'shareConsumerConfig',
      FailEvery: 'failEvery',
      ShareConsumerSpec: 'shareConsumerSpec',
      ShareGroupSpec: 'shareGroupSpec',
    };
    for (const [iface, def] of Object.entries(map)) compare(iface, interfaces.get(iface)!, defs[def]!);
  });

  it('every Action has a timeline branch with the same fields (plus "at")', () => {
    const branches = defs.timelineEntry!.oneOf!;
    const names = branches.map((b) => (b.properties!.action as { const: string }).const);
    assert.deepEqual([...names].sort(), [...actions.keys()].sort());
    for (const b of branches) {
      const name = (b.properties!.action as { const: string }).const;
      compare(`action ${name}`, actions.get(name)!, b, { at: false });
    }
  });
});
