import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { main } from '../../../src/cli/kafka-lab';
import { fakeIo } from './fakeIo';

const SUBCOMMANDS = ['run', 'assign', 'partition'];

function cli(args: string[]): { code: number; out: string; err: string } {
  const io = fakeIo();
  const code = main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('kafka-lab --help', () => {
  it('prints the usage of every command, ending with a newline', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const { code, out, err } = cli(args);
      assert.equal(code, 0, args.join(' '));
      assert.equal(err, '');
      assert.ok(out.endsWith('\n'), `${args.join(' ')}: the usage ends with a newline`);
      for (const c of SUBCOMMANDS) assert.match(out, new RegExp(`^  kafka-lab ${c} `, 'm'));
    }
  });

  it('with no arguments: the usage on stderr, exit code 2', () => {
    const { code, out, err } = cli([]);
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^Usage:\n/);
  });

  for (const c of SUBCOMMANDS) {
    it(`kafka-lab ${c} --help (and -h, and help ${c}) prints that command's usage`, () => {
      for (const args of [[c, '--help'], [c, '-h'], ['help', c], [c, '--strategy', 'x', '--help']]) {
        const { code, out, err } = cli(args);
        assert.equal(err, '', args.join(' '));
        assert.equal(code, 0, args.join(' '));
        assert.match(out, new RegExp(`^Usage:\\n  kafka-lab ${c} `), args.join(' '));
        assert.ok(out.endsWith('\n'));
        for (const other of SUBCOMMANDS.filter((o) => o !== c)) assert.doesNotMatch(out, new RegExp(`kafka-lab ${other} `));
      }
    });
  }

  it('a key "--help" after the "--" separator is a key, not a request for help', () => {
    const { code, out } = cli(['partition', '--partitions', '3', '--', '--help']);
    assert.equal(code, 0);
    assert.match(out, /^--help\t[0-2]\n$/);
  });

  it('unknown commands, including names every object has, are usage errors', () => {
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const { code, out, err } = cli([name]);
      assert.equal(code, 2, name);
      assert.equal(out, '');
      assert.match(err, new RegExp(`^kafka-lab: unknown command '${name}'`));
    }
    assert.equal(cli(['help', 'constructor']).code, 2);
  });

  it('options: --flag=value is refused, --name=a=b keeps all of a=b, inherited names are unknown', () => {
    const json = cli(['run', 'x.kafkalab.json', '--json=false']);
    assert.equal(json.code, 2);
    assert.match(json.err, /option '--json' takes no value, got '--json=false'/);
    const until = cli(['run', 'x.kafkalab.json', '--until=30s=5']);
    assert.equal(until.code, 2);
    assert.match(until.err, /cannot read 'x.kafkalab.json'/, 'the option parsed; the missing file is reported next');
    const proto = cli(['run', 'x.kafkalab.json', '--constructor', 'x']);
    assert.equal(proto.code, 2);
    assert.match(proto.err, /unknown option '--constructor'/);
  });

  it('the built CLI prints the usage with a final newline', () => {
    const bin = path.resolve(__dirname, '../../../../dist/cli/kafka-lab.js');
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.endsWith('\n'));
    const p = spawnSync(process.execPath, [bin, 'partition', '--help'], { encoding: 'utf8' });
    assert.equal(p.status, 0, p.stderr);
    assert.match(p.stdout, /kafka-lab partition --partitions N KEY/);
  });
});
