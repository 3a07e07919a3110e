import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeOutput } from './output.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'k2e-output-'));
}

describe('writeOutput', () => {
  it('writes a new file and replaces an older one, leaving no temp file', () => {
    const dir = tempDir();
    expect(writeOutput('report.json', 'first\n', dir)).toBe('file');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('first\n');
    writeFileSync(join(dir, 'report.json'), 'an older, longer report\n');
    chmodSync(join(dir, 'report.json'), 0o600);
    writeOutput('report.json', 'second\n', dir);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('second\n');
    expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes through a symlink, keeping the link', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.sarif'), 'old');
    symlinkSync(join(dir, 'real.sarif'), join(dir, 'link.sarif'));
    writeOutput('link.sarif', 'new', dir);
    expect(readFileSync(join(dir, 'real.sarif'), 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['link.sarif', 'real.sarif']);
  });

  it('a dangling symlink stays a link: the report is written where it points', () => {
    const dir = tempDir();
    symlinkSync('reports/today.json', join(dir, 'latest.json'));
    mkdirSync(join(dir, 'reports'));
    writeOutput('latest.json', 'report', dir);
    expect(lstatSync(join(dir, 'latest.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'reports', 'today.json'), 'utf8')).toBe('report');
  });

  it('removes the temp file a killed run left behind, and only a dead run’s', () => {
    const dir = tempDir();
    const dead = `.r.json.${2 ** 22 + 12345}.0123abcd.tmp`;
    const alive = `.r.json.${process.ppid}.0123abcd.tmp`;
    const other = `.other.json.${2 ** 22 + 12345}.0123abcd.tmp`;
    for (const name of [dead, alive, other]) writeFileSync(join(dir, name), 'half a report');
    writeOutput('r.json', 'whole', dir);
    expect(readdirSync(dir).sort()).toEqual([alive, other, 'r.json'].sort());
  });

  it.skipIf(process.platform !== 'linux')(
    'writes /dev/fd/N through the descriptor, without truncating',
    () => {
      const dir = tempDir();
      const log = join(dir, 'build.log');
      writeFileSync(log, 'kept\n');
      const fd = openSync(log, 'a');
      try {
        expect(writeOutput(`/dev/fd/${fd}`, 'report\n', dir)).toBe('stream');
      } finally {
        closeSync(fd);
      }
      expect(readFileSync(log, 'utf8')).toBe('kept\nreport\n');
    },
  );

  it('writes devices directly', () => {
    expect(writeOutput('/dev/null', 'x')).toBe('stream');
  });

  it('explains a missing folder or a folder given as the file', () => {
    const dir = tempDir();
    expect(() => writeOutput('missing/report.md', 'x', dir)).toThrow(
      '--output missing/report.md: the folder missing does not exist; create it first.',
    );
    expect(() => writeOutput('.', 'x', dir)).toThrow('--output .: is a folder; name a file.');
  });

  it('prints to stdout without --output', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      writeOutput(undefined, 'hello\n');
      expect(write).toHaveBeenCalledWith('hello\n');
    } finally {
      write.mockRestore();
    }
  });
});

describe('writeOutput with a report in pieces', () => {
  const pieces = (count: number) =>
    (function* () {
      for (let i = 0; i < count; i++) yield `{"finding": ${i}, "text": "${'x'.repeat(100)} é"}\n`;
    })();
  const whole = (count: number) => [...pieces(count)].join('');

  it('writes the same bytes as the whole text, in a file and through a descriptor', () => {
    const dir = tempDir();
    // Over the 1 MiB batch: several writes.
    writeOutput('big.json', pieces(30_000), dir);
    expect(readFileSync(join(dir, 'big.json'), 'utf8')).toBe(whole(30_000));
    expect(readdirSync(dir)).toEqual(['big.json']);
    const fd = openSync(join(dir, 'log.txt'), 'a');
    writeFileSync(join(dir, 'log.txt'), 'before\n');
    writeOutput(`/dev/fd/${fd}`, pieces(10), dir);
    closeSync(fd);
    expect(readFileSync(join(dir, 'log.txt'), 'utf8')).toBe(`before\n${whole(10)}`);
  });

  it('a report that fails half-way leaves the previous file and no temp file, and its own error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.json'), 'previous');
    function* failing() {
      yield 'x'.repeat(2 * 1024 * 1024);
      throw new RangeError('the formatter broke');
    }
    expect(() => writeOutput('report.json', failing(), dir)).toThrow(RangeError);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes the pieces to stdout in order', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(writeOutput(undefined, pieces(20_000))).toBe('stream');
    } finally {
      spy.mockRestore();
    }
    expect(written.length).toBeGreaterThan(1);
    expect(written.join('')).toBe(whole(20_000));
  });
});
