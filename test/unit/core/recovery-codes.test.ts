import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECOVERY_CODES } from '../../../src/core/account';
import { parseRecoveryCodes, recoveryStatus, remainingCount, RECOVERY_TEXT_LIMIT, setCodeUsed, toRecoveryCodes } from '../../../src/core/recovery-codes';

// Every code value below is made up; the layouts follow what each site shows or downloads.
describe('parseRecoveryCodes: real-world layouts', () => {
  it('Google: a backup-codes.txt download with a heading, numbered 8-digit pairs in two columns and a footer', () => {
    const text = [
      'SAVE YOUR BACKUP CODES',
      'Keep these backup codes somewhere safe but accessible.',
      '',
      '1. 3816 5624        6. 9012 3456',
      '2. 7734 1290        7. 5521 8834',
      '3. 4408 2217        8. 6649 0071',
      '4. 1963 5580        9. 2785 4416',
      '5. 8052 3349       10. 3307 9924',
      '',
      '(alice@example.com)',
      '* You can only use each backup code once.',
      '* Need more? Visit https://g.co/2sv',
      '* These codes were generated on: Mar 12, 2024',
    ].join('\n');
    expect(parseRecoveryCodes(text)).toEqual([
      '3816 5624',
      '9012 3456',
      '7734 1290',
      '5521 8834',
      '4408 2217',
      '6649 0071',
      '1963 5580',
      '2785 4416',
      '8052 3349',
      '3307 9924',
    ]);
  });

  it('Google: copied from the page, one code per line without numbering', () => {
    expect(parseRecoveryCodes('3816 5624\n7734 1290\n4408 2217\n')).toEqual(['3816 5624', '7734 1290', '4408 2217']);
  });

  it('GitHub: github-recovery-codes.txt, one xxxxx-xxxxx hex code per line, one without a digit', () => {
    const text = 'a1b2c-3d4e5\n6f7a8-b9c0d\n12e4f-56a7b\nabcde-fabcd\n0f1e2-d3c4b\n';
    expect(parseRecoveryCodes(text)).toEqual(['a1b2c-3d4e5', '6f7a8-b9c0d', '12e4f-56a7b', 'abcde-fabcd', '0f1e2-d3c4b']);
  });

  it('GitHub: the settings page in two columns separated by one space', () => {
    expect(parseRecoveryCodes('a1b2c-3d4e5 6f7a8-b9c0d\n12e4f-56a7b 0f1e2-d3c4b')).toEqual(['a1b2c-3d4e5', '6f7a8-b9c0d', '12e4f-56a7b', '0f1e2-d3c4b']);
  });

  it('Microsoft: one 25-character recovery code in five dashed groups under a label', () => {
    const text = 'Microsoft account\nYour new recovery code: 7XKQP-M2W9R-TB4HC-8JYDV-3NF6G\nWrite it down and keep it somewhere safe.';
    expect(parseRecoveryCodes(text)).toEqual(['7XKQP-M2W9R-TB4HC-8JYDV-3NF6G']);
    // Even with no digit at all it looks machine-made.
    expect(parseRecoveryCodes('ABCDE-FGHIJ-KLMNO-PQRST-UVWXY')).toEqual(['ABCDE-FGHIJ-KLMNO-PQRST-UVWXY']);
  });

  it('Facebook: "Recovery codes" with 8-digit codes in spaced pairs, two per line', () => {
    const text =
      'Recovery codes\nUse these codes to log in if you lose your phone.\n\n4821 3307    9934 1185\n6672 0948    2219 7703\n5540 8816    1097 6624\n';
    expect(parseRecoveryCodes(text)).toEqual(['4821 3307', '9934 1185', '6672 0948', '2219 7703', '5540 8816', '1097 6624']);
  });

  it('Nintendo: backup codes list with (1)…(n) numbering and a Japanese heading', () => {
    const text = 'バックアップコード\n(1) 4m8q2x7k9p3w\n(2) 7h2n5c8v1b6z\n(3) 9t4r6y2u8i1o\n※ 各コードは1回だけ使えます。';
    expect(parseRecoveryCodes(text)).toEqual(['4m8q2x7k9p3w', '7h2n5c8v1b6z', '9t4r6y2u8i1o']);
  });

  it('Twitter/X: "Backup code" label with a 12-character lower-case code', () => {
    expect(parseRecoveryCodes('Backup code:\nk3m9x2p7q4w8\n\nUse this code if you lose your phone.')).toEqual(['k3m9x2p7q4w8']);
    expect(parseRecoveryCodes('Backup code: k3m9x2p7q4w8')).toEqual(['k3m9x2p7q4w8']);
  });

  it('Discord: discord_backup_codes.txt with "* code" bullets and a header', () => {
    const text = 'These are your Discord backup codes for account alice#0001. Keep them safe!\n\n* 8kx2-4mq9\n* 3vn7-p2w6\n* t9c4-8hz1\n* 6bj3-x5r8\n';
    expect(parseRecoveryCodes(text)).toEqual(['8kx2-4mq9', '3vn7-p2w6', 't9c4-8hz1', '6bj3-x5r8']);
  });

  it('Dropbox: ten codes in a tab-separated two-column table', () => {
    const text = 'Dropbox backup codes\n2fk7 9qmx\t8wp3 4nzt\nr6hc 2vj9\tm4xd 7kq2\n';
    expect(parseRecoveryCodes(text)).toEqual(['2fk7 9qmx', '8wp3 4nzt', 'r6hc 2vj9', 'm4xd 7kq2']);
  });

  it('Amazon: comma-separated codes in one line, copied from a note', () => {
    expect(parseRecoveryCodes('Amazon 2SV backup: 7QWE-R2TY-U4IO, 9ASD-F8GH-J6KL, 3ZXC-V5BN-M1QP')).toEqual([
      '7QWE-R2TY-U4IO',
      '9ASD-F8GH-J6KL',
      '3ZXC-V5BN-M1QP',
    ]);
  });

  it('Proton: recovery codes separated by single spaces, several per line', () => {
    const text = 'proton_recovery_codes.txt\nb5a1f9c3 4e7d2a8b 9c0f3e6a\n1d8b4c7f 6a2e9d0c 3f5b8a1e';
    expect(parseRecoveryCodes(text)).toEqual(['b5a1f9c3', '4e7d2a8b', '9c0f3e6a', '1d8b4c7f', '6a2e9d0c', '3f5b8a1e']);
  });

  it('Epic Games: numbered "1)" upper-case six-character codes, with a date line', () => {
    const text = 'Epic Games backup codes\nGenerated 2024-05-01\n1) K7WQ2M\n2) 9XPL4R\n3) B3NV8T\n4) QHZM5C';
    expect(parseRecoveryCodes(text)).toEqual(['K7WQ2M', '9XPL4R', 'B3NV8T', 'QHZM5C']);
  });

  it('Coinbase: "#1 …" numbering and a bare ISO date line are not codes', () => {
    const text = '2024-03-01\n#1 tq8n-2kvx-m4pz\n#2 w7c3-9hjr-b5ld\n#3 y2fm-6sxe-k8ga';
    expect(parseRecoveryCodes(text)).toEqual(['tq8n-2kvx-m4pz', 'w7c3-9hjr-b5ld', 'y2fm-6sxe-k8ga']);
  });

  it('a password manager note: "- " bullets, quotes and a JSON-like array', () => {
    expect(parseRecoveryCodes('- "ab12cd34"\n- "ef56gh78"')).toEqual(['ab12cd34', 'ef56gh78']);
    expect(parseRecoveryCodes('["ab12cd34", "ef56gh78", "ij90kl12"]')).toEqual(['ab12cd34', 'ef56gh78', 'ij90kl12']);
  });

  it('a printed sheet: check boxes and numbering in two columns', () => {
    expect(parseRecoveryCodes('☐ 1. 3816 5624   ☐ 2. 7734 1290\n☐ 3. 4408 2217   ☐ 4. 1963 5580')).toEqual([
      '3816 5624',
      '7734 1290',
      '4408 2217',
      '1963 5580',
    ]);
  });
});

describe('parseRecoveryCodes: how spaces inside a line are read', () => {
  it('joins short pieces into one code and splits runs that are multiples of the usual run length', () => {
    expect(parseRecoveryCodes('3816 5624\n7734 1290 4408 2217')).toEqual(['3816 5624', '7734 1290', '4408 2217']);
  });

  it('reads four pieces on every line as one 16-character code', () => {
    expect(parseRecoveryCodes('1234 5678 9012 3456\n7890 1234 5678 9012')).toEqual(['1234 5678 9012 3456', '7890 1234 5678 9012']);
  });

  it('reads words of six or more characters separated by one space as separate codes', () => {
    expect(parseRecoveryCodes('ab12cd\nde34fg\ngh56ij jk78lm')).toEqual(['ab12cd', 'de34fg', 'gh56ij', 'jk78lm']);
  });
});

describe('parseRecoveryCodes: robustness', () => {
  it('skips a whole line when one of its words is not a code', () => {
    // "used only" has the shape of a Dropbox code, but "be" on the same line shows it is prose.
    expect(parseRecoveryCodes('2fk7 9qmx\n8wp3 4nzt\nEach code can be used only once.')).toEqual(['2fk7 9qmx', '8wp3 4nzt']);
  });

  it('finds nothing in empty text or prose', () => {
    expect(parseRecoveryCodes('')).toEqual([]);
    expect(parseRecoveryCodes('   \n\t\n')).toEqual([]);
    expect(parseRecoveryCodes('Your backup codes\nKeep these safe.\nIMPORTANT\nEach code can be used once. Page 1 of 1')).toEqual([]);
    expect(parseRecoveryCodes('2024\n10:30\nMarch 12, 2024')).toEqual([]);
  });

  it('drops duplicates, ignoring case, spaces and dashes, and keeps the first spelling', () => {
    expect(parseRecoveryCodes('ABCD-1234\nabcd1234\n3816 5624\n38165624\nabcd 1234')).toEqual(['ABCD-1234', '3816 5624']);
  });

  it('reads CRLF and lone CR line ends', () => {
    expect(parseRecoveryCodes('ab12cd34\r\nef56gh78\rij90kl12')).toEqual(['ab12cd34', 'ef56gh78', 'ij90kl12']);
  });

  it('folds full-width digits, letters, spaces and dashes (NFKC) to ASCII', () => {
    expect(parseRecoveryCodes('１．３８１６　５６２４\n２．７７３４　１２９０')).toEqual(['3816 5624', '7734 1290']);
    expect(parseRecoveryCodes('ａｂ１２－ｃｄ３４\nef56–gh78')).toEqual(['ab12-cd34', 'ef56-gh78']);
    expect(parseRecoveryCodes('① 3816 5624\n② 7734 1290')).toEqual(['3816 5624', '7734 1290']);
  });

  it('caps the number of codes and the length of the text it reads', () => {
    const many = Array.from({ length: 500 }, (_, i) => `code${String(i).padStart(4, '0')}`).join('\n');
    const codes = parseRecoveryCodes(many);
    expect(codes).toHaveLength(MAX_RECOVERY_CODES);
    expect(codes[0]).toBe('code0000');
    const huge = `${'x'.repeat(RECOVERY_TEXT_LIMIT)}\nab12cd34`;
    expect(parseRecoveryCodes(huge)).toEqual([]);
    expect(parseRecoveryCodes(`${'x'.repeat(200)}1`)).toEqual([]);
  });

  it('never throws on arbitrary text and returns only well-formed codes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        for (const code of parseRecoveryCodes(text)) {
          expect(code).toMatch(/^[A-Za-z0-9]+(?:[- ][A-Za-z0-9]+)*$/);
          expect(code.replace(/[ -]/g, '').length).toBeGreaterThanOrEqual(6);
        }
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const chars = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: min, maxLength: max });

/** One site's code shape: plain, dashed groups, or spaced short pieces; every code has a digit. */
const codeList = fc
  .oneof(
    fc.record({ sep: fc.constant(''), lengths: fc.array(fc.integer({ min: 6, max: 16 }), { minLength: 1, maxLength: 1 }) }),
    fc.record({ sep: fc.constant('-'), lengths: fc.array(fc.integer({ min: 3, max: 6 }), { minLength: 2, maxLength: 5 }) }),
    fc.record({
      sep: fc.constant(' '),
      lengths: fc.integer({ min: 2, max: 4 }).chain((n) => fc.integer({ min: 3, max: 5 }).map((len) => Array<number>(n).fill(len))),
    }),
  )
  .chain(({ sep, lengths }) =>
    fc.uniqueArray(
      fc
        .tuple(...lengths.map((len) => chars(len, len)))
        .map((parts) => parts.join(sep))
        .filter((c) => /\d/.test(c)),
      { minLength: 1, maxLength: 20, selector: (c) => c.replace(/[ -]/g, '') },
    ),
  );

const layouts: Record<string, (codes: string[]) => string> = {
  perLine: (codes) => codes.join('\n'),
  numbered: (codes) => codes.map((c, i) => `${i + 1}. ${c}`).join('\n'),
  parenNumbered: (codes) => codes.map((c, i) => `${i + 1}) ${c}`).join('\r\n'),
  hashNumbered: (codes) => codes.map((c, i) => `#${i + 1} ${c}`).join('\n'),
  bullets: (codes) => codes.map((c) => `• ${c}`).join('\n'),
  commas: (codes) => codes.join(', '),
  tabColumns: (codes) => codes.map((c, i) => (i % 2 === 0 ? c : `\t${c}\n`)).join(''),
  spaceColumns: (codes) => codes.map((c, i) => (i % 3 === 2 ? `${c}\n` : `${c}    `)).join(''),
  withProse: (codes) => `Your backup codes\nKeep these safe.\n\n${codes.join('\n')}\n\nEach code can be used only once.`,
};

describe('parseRecoveryCodes: numbering', () => {
  it('takes "No.1" as numbering but a code piece such as "no4" as part of the code (found by the property)', () => {
    expect(parseRecoveryCodes('No.1 abcd-1234\nNo.2 efgh-5678')).toEqual(['abcd-1234', 'efgh-5678']);
    expect(parseRecoveryCodes('aaa no4 aaa aaa\naaa aaa aaa aa7')).toEqual(['aaa no4 aaa aaa', 'aaa aaa aaa aa7']);
  });
});

describe('parseRecoveryCodes: property', () => {
  it('reads back the same codes from every layout', () => {
    fc.assert(
      fc.property(codeList, fc.constantFrom(...Object.keys(layouts)), (codes, layout) => {
        expect(parseRecoveryCodes(layouts[layout]!(codes))).toEqual(codes);
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});

describe('recovery code helpers', () => {
  it('counts what is left, marks, unmarks, and reports low and empty', () => {
    let codes = toRecoveryCodes(['aaaa1111', 'bbbb2222', 'cccc3333']);
    expect(remainingCount(codes)).toBe(3);
    expect(recoveryStatus(codes)).toBe('ok');
    codes = setCodeUsed(codes, 0, 1_700_000_000_000);
    expect(codes[0]).toEqual({ code: 'aaaa1111', usedAt: 1_700_000_000_000 });
    expect(remainingCount(codes)).toBe(2);
    expect(recoveryStatus(codes)).toBe('low');
    codes = setCodeUsed(setCodeUsed(codes, 1, 5), 2, 6);
    expect(recoveryStatus(codes)).toBe('empty');
    codes = setCodeUsed(codes, 2, 0);
    expect(remainingCount(codes)).toBe(1);
    expect(recoveryStatus([])).toBe('none');
  });
});
