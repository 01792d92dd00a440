import { ancestor } from 'acorn-walk';
import type { AnyNode } from './transform';

/**
 * Which members of the global `name` a program reads: `lab.data.load(…)` and `lab?.['ml']` give
 * data and ml. Any other use of the name (passed along, destructured, displayed, `lab[key]`) may
 * reach every member, so it gives 'all'. The kernel loads what this names before a cell runs.
 */
export function memberUses(program: AnyNode, name: string): Set<string> | 'all' {
  const members = new Set<string>();
  let all = false;
  ancestor(
    program as never,
    {
      Identifier(node: AnyNode, _state: unknown, ancestors: AnyNode[]) {
        if (node.name !== name) return;
        const parent = ancestors[ancestors.length - 2];
        const property = parent?.property as AnyNode | undefined;
        if (parent?.type !== 'MemberExpression' || parent.object !== node || !property) all = true;
        else if (!parent.computed) members.add(property.name as string);
        else if (property.type === 'Literal' && typeof property.value === 'string')
          members.add(property.value);
        else all = true;
      },
    } as never,
  );
  return all ? 'all' : members;
}
