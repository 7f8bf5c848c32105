import type { AdapterRegistry } from './adapter-registry';
import { getModelMetadata } from '../metadata/metadata-builder';

/** Nested model names: `{ site: { device: { interface: {} } } }`. */
export interface TreeNode {
  [modelName: string]: TreeNode;
}

function findPath(tree: TreeNode, key: string, path: string[] = []): string[] | undefined {
  for (const [k, sub] of Object.entries(tree)) {
    if (k === key) return [...path, k];
    const found = findPath(sub, key, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

function at(tree: TreeNode, path: string[]): TreeNode {
  let node = tree;
  for (const k of path) {
    node[k] ??= {};
    node = node[k];
  }
  return node;
}

/** diffsync's get_tree_traversal: top-level and other models, children nested under parents. */
export function buildTree(registry: AdapterRegistry): TreeNode {
  const tree: TreeNode = {};
  for (const name of registry.initialOrder) {
    let path = findPath(tree, name);
    if (!path) {
      tree[name] = {};
      path = [name];
    }
    const cls = registry.byName.get(name);
    if (!cls) continue;
    for (const child of Object.keys(getModelMetadata(cls).childrenMapping)) {
      const node = at(tree, path);
      // A child already placed elsewhere stays where it was first placed.
      if (!findPath(tree, child)) node[child] = {};
    }
  }
  return tree;
}

/** Render a tree with ├── / └── connectors under a root line. */
export function treeString(tree: TreeNode, root: string): string {
  const lines = [root];
  const walk = (node: TreeNode, prefix: string): void => {
    const keys = Object.keys(node);
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      lines.push(prefix + (last ? '└── ' : '├── ') + key);
      walk(node[key], prefix + (last ? '    ' : '│   '));
    });
  };
  walk(tree, '');
  return lines.join('\n');
}
