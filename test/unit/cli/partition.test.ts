import assert from 'node:assert/strict';
import { partitionCommand } from '../../../src/cli/commands/partition';
import { main } from '../../../src/cli/kafka-lab';
import { UsageError } from '../../../src/cli/io';
import { fakeIo } from './fakeIo';
import { partitionForKey } from '../../../src/sim/murmur2';


describe('kafka-lab partition', () => {
  it('prints KEY<TAB>PARTITION per key', () => {
    const io = fakeIo();
    assert.equal(partitionCommand(['--partitions', '6', 'foobar', '카프카', 'key-1'], io), 0);
    assert.equal(
      io.stdout,
      `foobar\t0\n카프카\t${partitionForKey('카프카', 6)}\nkey-1\t${partitionForKey('key-1', 6)}\n`,
    );
  });
  it('accepts --partitions=N and keys before the option, and keys after --', () => {
    const io = fakeIo();
    assert.equal(partitionCommand(['abc', '--partitions=10', '--', '--weird'], io), 0);
    assert.equal(io.stdout, `abc\t${479470107 % 10}\n--weird\t${partitionForKey('--weird', 10)}\n`);
  });
  for (const bad of ['0', '-3', '1.5', 'six', '1000001', '']) {
    it(`rejects --partitions ${JSON.stringify(bad)} naming the option and value`, () => {
      assert.throws(
        () => partitionCommand(['--partitions', bad, 'k'], fakeIo()),
        (e: unknown) => e instanceof UsageError && e.message.includes('--partitions') && e.message.includes(`'${bad}'`),
      );
    });
  }
  it('accepts the maximum 1,000,000', () => {
    const io = fakeIo();
    assert.equal(partitionCommand(['--partitions', '1000000', 'k'], io), 0);
  });
  it('rejects a missing --partitions and a missing key', () => {
    assert.throws(() => partitionCommand(['k'], fakeIo()), (e: unknown) => e instanceof UsageError && /--partitions/.test(e.message));
    assert.throws(() => partitionCommand(['--partitions', '3'], fakeIo()), (e: unknown) => e instanceof UsageError && /no keys/.test(e.message));
  });
  it('exits with 2 through the dispatcher', () => {
    const io = fakeIo();
    assert.equal(main(['partition', '--partitions', '0', 'k'], io), 2);
    assert.match(io.stderr, /--partitions.*'0'/);
    assert.equal(io.stdout, '');
  });
});
