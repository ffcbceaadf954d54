import { runShard } from './shard.js';

await runShard(4);
