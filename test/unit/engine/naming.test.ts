import * as assert from 'node:assert/strict';
import { comparePartitions, parsePartitionName, partitionName, suggestId } from '../../../src/sim';

describe('Naming: partitions and suggested ids', () => {
  it('parses partition names at the last dash (topic names may contain dashes) and refuses what is not one', () => {
    assert.deepEqual(parsePartitionName('peter-01-2'), { topic: 'peter-01', partition: 2 });
    assert.deepEqual(parsePartitionName('t-10'), { topic: 't', partition: 10 });
    for (const bad of ['t', '-1', 't-', 't-01', 't-x', 't-1.5']) assert.equal(parsePartitionName(bad), undefined, bad);
    assert.equal(partitionName('peter-01', 2), 'peter-01-2');
    const sorted = [{ topic: 'b', partition: 0 }, { topic: 'a', partition: 10 }, { topic: 'a', partition: 2 }].sort(comparePartitions);
    assert.deepEqual(sorted.map((tp) => partitionName(tp.topic, tp.partition)), ['a-2', 'a-10', 'b-0']);
  });

  it('suggests the first free id in the tutorial style, counting every id it is given', () => {
    assert.equal(suggestId('consumer', []), 'consumer01');
    assert.equal(suggestId('consumer', ['consumer01', 'consumer03']), 'consumer02');
    assert.equal(suggestId('consumer', ['consumer01', 'consumer02', 'worker01']), 'consumer03');
    const many = Array.from({ length: 120 }, (_, i) => `consumer${String(i + 1).padStart(2, '0')}`);
    assert.equal(suggestId('consumer', many), 'consumer121');
  });
});
