import { nodeKinds } from '@/journey';
import { describeKindContract } from './kind-contract';

// One suite over the registry: every node kind, built-in or added later, keeps the same promises.
for (const def of nodeKinds) describeKindContract(def.kind);
