import { InMemoryTreeNodeStore } from './tree-node-store.js';
import { treeNodeStoreContract } from './tree-node-store.contract.js';

treeNodeStoreContract('in memory', () => {
  const store = new InMemoryTreeNodeStore();
  return { store, reopen: () => store, close: () => {} };
});
