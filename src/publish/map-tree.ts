import type { Nodes, Root } from 'mdast';

/**
 * A copy of a Markdown tree with `change` applied to every node, top down
 * (a changed node's children are visited as changed). The tree given is
 * left as it is: a postmortem's tree is printed by whichever target the
 * run publishes, and no printer may leave its marks on it. `change`
 * returns the node itself to keep it; the nodes on the way to it are copied.
 */
export function mapTree(tree: Root, change: (node: Nodes) => Nodes): Root {
  return mapNode(tree, change) as Root;
}

function mapNode(node: Nodes, change: (node: Nodes) => Nodes): Nodes {
  const changed = change(node);
  if (!('children' in changed)) return changed;
  return { ...changed, children: changed.children.map((child) => mapNode(child, change)) } as Nodes;
}
